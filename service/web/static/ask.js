// Ask: the question with its filters, the answer streamed over SSE, citations that open the
// cited item beside the answer, and a refusal shown with the nearest passages.
"use strict";

(() => {
  const { t, itemLabel, h, $, api, notice, closePanel, openItem, findQuote } = window.Referat;

  function citationLabel(c) {
    const [y, mo, d] = (c.meeting_date || "").split("-");
    const when = y ? `, ${d}.${mo}.${y}` : "";
    return `${/^\d+$/.test(c.item) ? `${t("item").toLowerCase()} ${c.item}` : c.item}${when}`;
  }

  function citeLink(c, label, quote = c.quote) {
    return h("a", {
      href: "#", class: "cite", "data-meeting": c.meeting_id, "data-item": c.item,
      onclick: (e) => { e.preventDefault(); openItem(c.meeting_id, c.item, quote); },
    }, label);
  }

  // The answer's own markers ("[sak 7, 16.04.2026]") become links to the item they name.
  function linkMarkers(answer, citations) {
    const out = [];
    let last = 0;
    for (const m of answer.matchAll(/\[([^\]]+)\]/g)) {
      const inside = m[1].toLowerCase();
      const named = citations.filter((x) => {
        const [y, mo, d] = (x.meeting_date || "").split("-");
        const item = x.item.toLowerCase();
        return inside.includes(item) && (!y || inside.includes(`${d}.${mo}.${y}`));
      });
      if (!named.length) continue;
      // One item is often quoted twice: a marker highlights the «quote» just before it.
      const before = answer.slice(last, m.index);
      const c = named.find((x) => findQuote(before, x.quote)) || named[0];
      const quoted = (before.match(/«([^«»]+)»\s*$/) || [])[1];
      out.push(before, citeLink(c, m[0], quoted || c.quote));
      last = m.index + m[0].length;
    }
    out.push(answer.slice(last));
    return out;
  }

  function renderAnswer(resp) {
    const box = $("#answer");
    box.replaceChildren();
    if (!resp.answered) {
      // Several pieces of one long item may be retrieved: list the item once.
    const seen = new Set();
    const items = (resp.retrieved || []).filter((r) => {
      const key = `${r.meeting_id}|${r.item}|${r.title}`;
      return !seen.has(key) && seen.add(key);
    });
    const nearest = items.map((r) => h("li", {},
        h("a", { href: "#", class: "nearest", onclick: (e) => { e.preventDefault(); openItem(r.meeting_id, r.item, null); } },
          `${r.item ? `${itemLabel(r.item)}: ` : ""}${r.title}`),
        h("span", { class: "meta" }, ` – ${r.body}, ${r.meeting_date} · ${t("relevance", { pct: Math.round(r.coverage * 100) })}`)));
      box.append(h("div", { class: "refusal", role: "status" },
        h("h2", {}, t("refused")), h("p", { class: "answer-text" }, resp.answer),
        h("p", {}, t("refused_note")), h("h3", {}, t("nearest")),
        nearest.length ? h("ul", { class: "nearest-list" }, nearest) : h("p", {}, t("no_nearest"))));
      return;
    }
    const mode = resp.mode === "llm" ? t("mode_llm") : t("mode_extractive");
    box.append(h("div", {}, h("div", { class: "answer-text" }, linkMarkers(resp.answer, resp.citations)),
      resp.fallback_reason ? h("p", { class: "warn" }, t("fallback")) : null,
      h("p", { class: "meta" }, mode),
      h("h2", {}, t("sources")),
      h("ol", { class: "citations" }, resp.citations.map((c) => h("li", {},
        citeLink(c, `${citationLabel(c)} – ${c.title}`),
        h("span", { class: "meta" }, ` (${c.body})`),
        h("blockquote", {}, c.quote))))));
  }

  // SSE over fetch: EventSource can neither POST nor send an Authorization header.
  async function streamAsk(payload) {
    const res = await api("/v1/ask", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...payload, stream: true }),
    });
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const live = h("div", { class: "answer-text streaming" });
    $("#answer").replaceChildren(live);
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const raw = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const kind = (raw.match(/^event: (.*)$/m) || [])[1];
        const data = JSON.parse((raw.match(/^data: (.*)$/m) || [])[1] || "null");
        if (kind === "delta") live.append(data.text);
        else if (kind === "answer") renderAnswer(data);
        else if (kind === "error") throw new Error(data.message);
      }
    }
  }

  function setUpAsk() {
    $("#ask-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const question = $("#question").value.trim();
      if (!question) return;
      const payload = { question };
      if ($("#f-body").value) payload.bodies = [$("#f-body").value];
      if ($("#f-from").value) payload.date_from = $("#f-from").value;
      if ($("#f-to").value) payload.date_to = $("#f-to").value;
      if ($("#f-meeting").value) payload.meeting_ids = [$("#f-meeting").value];
      const button = $("#ask-button");
      button.disabled = true;
      notice("");
      closePanel();
      $("#answer").replaceChildren(h("p", { class: "meta busy" }, t("asking")));
      try {
        await streamAsk(payload);
      } catch (err) {
        $("#answer").replaceChildren(h("p", { class: "error" }, err.message));
      } finally {
        button.disabled = false;
      }
    });
    $("#question").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("#ask-form").requestSubmit(); }
    });
  }

  window.ReferatAsk = { setUp: setUpAsk };
})();
