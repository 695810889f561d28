// Draft minutes from a transcript: upload with progress, the draft per agenda item with each
// bullet linked to the transcript lines it came from, and the .docx / markdown downloads.
"use strict";

(() => {
  const R = () => window.Referat;
  let current = null;  // the last SummaryResponse, sent back for the downloads

  function clock(seconds) {
    if (seconds === null || seconds === undefined) return "";
    const s = Math.floor(seconds);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  }

  function turnsOf(range) {
    const byIndex = new Map(current.turns.map((tr) => [tr.index, tr]));
    const out = [];
    for (let i = range[0]; i <= range[1]; i++) if (byIndex.has(i)) out.push(byIndex.get(i));
    return out;
  }

  function sourceLabel(range) {
    const lines = turnsOf(range);
    if (!lines.length) return "";
    const first = lines[0];
    const last = lines[lines.length - 1];
    const speakers = [...new Set(lines.map((l) => l.speaker).filter(Boolean))];
    const who = speakers.length > 2 ? `${speakers.slice(0, 2).join(", ")} …` : speakers.join(", ");
    const when = first.start !== null && first.start !== undefined
      ? ` ${clock(first.start)}${last.end !== null && last.end !== undefined && last !== first ? `–${clock(last.end)}` : ""}`
      : "";
    return `${who}${when}`.trim();
  }

  // Within the highlighted lines, the bullet's own words when it quotes them.
  function lineText(text, bullet) {
    const { h, findQuote } = R();
    const span = bullet ? findQuote(text, bullet) : null;
    if (!span) return [text];
    return [text.slice(0, span[0]), h("span", { class: "exact" }, text.slice(span[0], span[1])),
      text.slice(span[1])];
  }

  function openLines(range, bullet) {
    const { h, t, openPanel, focusMark } = R();
    const context = 3;  // lines either side, so a bullet can be read in its conversation
    const lines = turnsOf([Math.max(0, range[0] - context), range[1] + context]);
    let firstMark = null;
    const body = lines.map((l) => {
      const inRange = l.index >= range[0] && l.index <= range[1];
      const el = h(inRange ? "mark" : "p", { class: `line${inRange ? " hl" : ""}`, "data-turn": l.index },
        l.start !== null && l.start !== undefined ? h("span", { class: "time" }, clock(l.start)) : null,
        h("strong", {}, l.speaker || "–"), ": ", inRange ? lineText(l.text, bullet) : l.text);
      if (inRange && !firstMark) firstMark = el;
      return el;
    });
    openPanel(`${t("lines")}: ${sourceLabel(range)}`, "", body);
    if (firstMark) focusMark(firstMark);
  }

  function bulletList(bullets, cls) {
    const { h, t } = R();
    return h("ul", { class: cls }, bullets.map((b) => h("li", {}, b.text, " ",
      h("a", {
        href: "#", class: "source", title: t("line_source"),
        onclick: (e) => { e.preventDefault(); openLines(b.turns, b.text); },
      }, `[${sourceLabel(b.turns) || t("lines")}]`))));
  }

  function heading(item) {
    return /^\d+$/.test(item.number.trim()) ? `${item.number}. ${item.title}` : `${item.number} ${item.title}`;
  }

  function render(d) {
    const { h, t, download } = R();
    current = d;
    const exportOpts = () => ({
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(current),
    });
    const box = document.getElementById("draft");
    box.replaceChildren(h("div", {},
      h("div", { class: "buttons" },
        h("button", { type: "button", id: "draft-docx", onclick: () => download("/v1/summaries/export?format=docx", exportOpts(), "utkast.docx") }, t("export_docx")),
        h("button", { type: "button", id: "draft-md", onclick: () => download("/v1/summaries/export?format=markdown", exportOpts(), "utkast.md") }, t("export_md"))),
      h("h2", {}, d.header.title),
      h("p", { class: "meta" }, [d.header.date, t("draft_note")].filter(Boolean).join(" · ")),
      d.header.participants.length ? h("p", {}, h("strong", {}, `${t("participants")}: `), d.header.participants.join(", ")) : null,
      d.warnings.length ? h("div", { class: "warn" }, h("strong", {}, t("warnings")), h("ul", {}, d.warnings.map((w) => h("li", {}, w)))) : null,
      d.summary ? h("section", {}, h("h3", {}, t("overview")), h("p", {}, d.summary)) : null,
      ...d.items.map((item) => h("section", { class: "draft-item" },
        h("h3", {}, heading(item),
          item.start !== null && item.start !== undefined ? h("span", { class: "meta" }, ` ${clock(item.start)}–${clock(item.end)}`) : null),
        item.turns === null ? h("p", { class: "meta" }, t("not_found_in_transcript")) : [
          h("h4", {}, t("summary_of")), bulletList(item.bullets, "bullets"),
          item.decisions.length ? [h("h4", {}, t("decisions")), bulletList(item.decisions, "decisions")] : null,
          item.actions.length ? [h("h4", {}, t("action_items")), bulletList(item.actions, "actions")] : null,
        ])),
    ));
    box.hidden = false;
  }

  function setUp() {
    const { $, t, upload, notice } = R();
    $("#draft-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const transcript = $("#transcript-input").files[0];
      if (!transcript) return;
      const form = new FormData();
      form.append("transcript", transcript);
      const agenda = $("#agenda-input").files[0];
      if (agenda) form.append("agenda", agenda);
      form.append("stream", "true");
      const bar = $("#draft-bar");
      const status = $("#draft-status");
      $("#draft-progress").hidden = false;
      $("#draft").hidden = true;
      $("#draft-button").disabled = true;
      notice("");
      bar.max = 100;
      bar.value = 0;
      status.textContent = `${t("uploading")} …`;
      const started = Date.now();
      let step = "";
      let timer = null;
      const tick = () => {
        status.textContent = `${t("drafting")} ${step}… ${Math.round((Date.now() - started) / 1000)} ${t("seconds")}`;
      };
      const onUpload = (share) => {
        bar.value = Math.round(share * 100);
        if (share >= 1 && !timer) {
          bar.removeAttribute("value");  // indeterminate until the first item is drafted
          tick();
          timer = setInterval(tick, 1000);
        }
      };
      // Server-sent events in the XHR's growing text: progress per item, then the summary.
      let seen = 0;
      let result = null;
      let failure = null;
      const onText = (text) => {
        let cut;
        while ((cut = text.indexOf("\n\n", seen)) >= 0) {
          const raw = text.slice(seen, cut);
          seen = cut + 2;
          const kind = (raw.match(/^event: (.*)$/m) || [])[1];
          const data = JSON.parse((raw.match(/^data: (.*)$/m) || [])[1] || "null");
          if (kind === "progress") {
            bar.max = data.total;
            bar.value = data.done;
            step = `${data.done}/${data.total}: ${data.item} `;
            tick();
          } else if (kind === "summary") result = data;
          else if (kind === "error") failure = data.message;
        }
      };
      const res = await upload("/v1/summaries/upload", form, onUpload, onText);
      clearInterval(timer);
      $("#draft-button").disabled = false;
      $("#draft-progress").hidden = true;
      if (res.ok && result) {
        render(result);
        document.getElementById("draft").scrollIntoView({ block: "start" });
        return;
      }
      const msg = failure || (res.status === 401 ? t("key_needed")
        : (res.body && res.body.error && res.body.error.message) || t("network_error"));
      notice(msg.startsWith(transcript.name) ? msg : `${transcript.name}: ${msg}`);
    });
  }

  window.ReferatDraft = { setUp };
})();
