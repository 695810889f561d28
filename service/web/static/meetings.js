// Meetings: the list, drag-and-drop upload with progress and each file's own error, one
// meeting opened (items, decisions, action items, board proposals), export and delete.
"use strict";

(() => {
  const R = () => window.Referat;

  function fillFilters(meetings) {
    const { h, $, t } = R();
    const bodies = [...new Set(meetings.map((m) => m.body).filter(Boolean))].sort();
    const body = $("#f-body");
    const meeting = $("#f-meeting");
    const keepBody = body.value;
    const keepMeeting = meeting.value;
    body.replaceChildren(h("option", { value: "" }, t("all_bodies")),
      ...bodies.map((b) => h("option", { value: b }, b)));
    meeting.replaceChildren(h("option", { value: "" }, t("all_meetings")),
      ...meetings.map((m) => h("option", { value: m.meeting_id },
        `${m.date || "?"} – ${m.body || m.title}`)));
    body.value = keepBody;
    meeting.value = keepMeeting;
  }

  async function load() {
    const { h, $, t, getJSON, notice } = R();
    let meetings;
    try {
      meetings = await getJSON("/v1/meetings");
    } catch (e) {
      notice(e.message);
      return;
    }
    fillFilters(meetings);
    const visible = meetings.some((m) => m.visibility !== undefined && m.visibility !== null);
    document.querySelectorAll("#meeting-table .vis").forEach((c) => { c.hidden = !visible; });
    $("#meeting-table tbody").replaceChildren(...[...meetings].reverse().map((m) => h("tr", {},
      h("td", { class: "nowrap" }, m.date || "–"),
      h("td", {}, m.body),
      h("td", {}, m.title),
      h("td", { class: "num" }, m.item_count),
      h("td", { class: "vis", hidden: !visible }, visible ? String(m.visibility ?? "") : ""),
      h("td", { class: "nowrap" },
        h("button", { type: "button", class: "open", onclick: () => openMeeting(m.meeting_id) },
          t("open"), h("span", { class: "sr" }, ` ${m.body} ${m.date || ""}`))))));
    $("#meeting-table").hidden = !meetings.length;
    $("#no-meetings").hidden = meetings.length > 0;
    $("#ask-empty").hidden = meetings.length > 0;
  }

  // ---- upload --------------------------------------------------------------------------
  const STATUS = { new: "uploaded", added: "uploaded", replaced: "replaced", unchanged: "unchanged" };

  async function uploadOne(file) {
    const { h, $, t, upload } = R();
    const bar = h("progress", { max: "100", value: "0" });
    const state = h("span", { class: "state" }, `${t("uploading")} …`);
    const row = h("li", { class: "upload" }, h("span", { class: "file-name" }, file.name), bar, state);
    $("#upload-list").prepend(row);
    const form = new FormData();
    form.append("file", file);
    const res = await upload("/v1/meetings", form, (share) => { bar.value = Math.round(share * 100); });
    if (res.ok) {
      const b = res.body || {};
      R().forget(b.meeting_id);  // a replaced meeting must not show its old items
      row.classList.add("ok");
      state.textContent = `${t(STATUS[b.status] || "uploaded")}: ${b.body || ""} ${b.date || ""} (${b.item_count} ${t("items_n")})`;
    } else {
      row.classList.add("rejected");
      bar.remove();
      const msg = res.status === 0 ? t("network_error")
        : (res.status === 401 ? t("key_needed") : (res.body && res.body.error && res.body.error.message) || `${t("error")} ${res.status}`);
      state.replaceChildren(h("strong", {}, `${t("rejected")}: `), msg);
      state.setAttribute("role", "alert");
    }
  }

  async function uploadAll(files) {
    for (const f of files) await uploadOne(f);  // one at a time: ingest is CPU-bound
    load();
  }

  function setUpDropzone() {
    const { $ } = R();
    const zone = $("#dropzone");
    const input = $("#upload-input");
    zone.addEventListener("click", (e) => { if (e.target !== input) input.click(); });
    zone.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); }
    });
    input.addEventListener("change", () => { uploadAll([...input.files]); input.value = ""; });
    for (const ev of ["dragenter", "dragover"]) {
      zone.addEventListener(ev, (e) => { e.preventDefault(); zone.classList.add("over"); });
    }
    for (const ev of ["dragleave", "drop"]) {
      zone.addEventListener(ev, () => zone.classList.remove("over"));
    }
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      uploadAll([...e.dataTransfer.files]);
    });
  }

  // ---- one meeting -----------------------------------------------------------------------
  function section(title, ...content) {
    const { h } = R();
    return h("section", {}, h("h3", {}, title), ...content);
  }

  async function openMeeting(id) {
    const { h, $, t, itemLabel, meetingDetail, notice, download } = R();
    let m;
    try { m = await meetingDetail(id); } catch (e) { notice(e.message); return; }
    const enc = encodeURIComponent(id);
    const lang = document.documentElement.lang;
    const actions = m.action_items.length ? h("div", { class: "table-wrap" }, h("table", { class: "actions" },
      h("thead", {}, h("tr", {}, h("th", {}, t("who")), h("th", {}, t("what")), h("th", {}, t("due")), h("th", {}, t("item")))),
      h("tbody", {}, m.action_items.map((a) => h("tr", {},
        h("td", {}, a.owner || "–"), h("td", {}, a.task), h("td", { class: "nowrap" }, a.due || "–"), h("td", {}, a.item || "–"))))))
      : h("p", {}, t("none"));
    const board = m.board_meeting;
    const boardWhen = board ? [board.date, board.time, board.place].filter(Boolean).join(", ") : "";
    const detail = $("#meeting-detail");
    detail.replaceChildren(h("div", {},
      h("h2", {}, `${m.body || m.title}${m.date ? `, ${m.date}` : ""}`),
      h("p", { class: "meta" }, [m.title, m.place && `${t("place")}: ${m.place}`, m.time].filter(Boolean).join(" · ")),
      h("div", { class: "buttons" },
        h("button", { type: "button", id: "export-docx", onclick: () => download(`/v1/meetings/${enc}/export?format=docx&lang=${lang}`, {}, `${id}.docx`) }, t("export_docx")),
        h("button", { type: "button", id: "export-md", onclick: () => download(`/v1/meetings/${enc}/export?format=markdown&lang=${lang}`, {}, `${id}.md`) }, t("export_md")),
        h("button", { type: "button", class: "danger", id: "delete-meeting", onclick: () => remove(m) }, t("delete"))),
      section(t("action_items"), actions),
      section(t("decisions"), m.decisions.length
        ? h("ul", {}, m.decisions.map((d) => h("li", {}, h("strong", {}, d.item ? itemLabel(d.item) : "–"), ` (${d.status}): ${d.text}`)))
        : h("p", {}, t("none"))),
      (board || m.board_proposals.length) ? section(`${t("board")}${boardWhen ? ` (${boardWhen})` : ""}`,
        h("ul", { class: "plain" }, m.board_proposals.map((p) => h("li", {}, `${p.number}. ${p.title}${p.kind ? ` (${p.kind})` : ""}`)))) : null,
      section(`${t("items")} (${m.items.length})`, m.items.map((i) => h("details", { class: "item" },
        h("summary", {}, `${itemLabel(i.number)}: ${i.title}`),
        h("div", { class: "item-text" }, i.text)))),
      m.participant_names.length ? section(t("participants"), h("p", {}, m.participant_names.join(", "))) : null,
    ));
    detail.hidden = false;
    detail.focus();
    detail.scrollIntoView({ block: "start" });
  }

  async function remove(m) {
    const { $, t, api, notice } = R();
    if (!window.confirm(t("confirm_delete", { name: `${m.body || m.title} ${m.date || ""}`.trim() }))) return;
    try {
      await api(`/v1/meetings/${encodeURIComponent(m.meeting_id)}`, { method: "DELETE" });
    } catch (e) {
      notice(e.message);
      return;
    }
    R().forget(m.meeting_id);
    $("#meeting-detail").hidden = true;
    notice(t("deleted"), "ok");
    load();
  }

  window.ReferatMeetings = { setUp: setUpDropzone, load, openMeeting };
})();
