// The secretariat's page, shared parts: API calls, tabs, language, the key and the side
// panel. The key lives in sessionStorage and travels only in the Authorization header.
"use strict";

const S = JSON.parse(document.getElementById("strings").textContent);
const $ = (sel, root = document) => root.querySelector(sel);
const KEY = "referat-api-key";
const detailCache = new Map();

function t(key, vars = {}) {
  return (S[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
}

// "Sak 7", but "PS 1/26" as it stands: that label already names its kind.
function itemLabel(number) {
  return /^\d+$/.test(String(number).trim()) ? `${t("item")} ${number}` : String(number);
}

// Build elements without innerHTML, so text from minutes can never become markup.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

// ---- API access ------------------------------------------------------------------------
function authHeaders(extra = {}) {
  const key = sessionStorage.getItem(KEY);
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

function errorMessage(status, body) {
  if (status === 401) return t("key_needed");
  if (status === 403) return t("key_wrong");
  const msg = body && body.error && body.error.message;
  return msg || `${t("error")} ${status}`;
}

async function api(path, opts = {}) {
  let res;
  try {
    res = await fetch(path, { ...opts, headers: authHeaders(opts.headers || {}) });
  } catch (e) {
    throw new Error(t("network_error"));
  }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON: the status says enough */ }
    const err = new Error(errorMessage(res.status, body));
    err.status = res.status;
    throw err;
  }
  return res;
}

const getJSON = async (path) => (await api(path)).json();

function notice(text, kind = "error") {
  const el = $("#notice");
  el.textContent = text;
  el.className = `notice ${kind}`;
  el.hidden = !text;
}

// XHR, not fetch: only XHR reports upload progress. `onText` sees a streamed answer grow.
function upload(path, form, onProgress, onText = null) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.upload.onload = () => onProgress(1);
    if (onText) xhr.onprogress = () => { if (xhr.status === 200) onText(xhr.responseText); };
    xhr.onload = () => {
      if (onText && xhr.status === 200) onText(xhr.responseText);
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* leave null */ }
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, body: null });
    xhr.send(form);
  });
}

async function download(path, opts, fallbackName) {
  try {
    const res = await api(path, opts);
    const blob = await res.blob();
    const cd = res.headers.get("Content-Disposition") || "";
    const name = (cd.match(/filename="([^"]+)"/) || [])[1] || fallbackName;
    const a = h("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
  } catch (e) {
    notice(e.message);
  }
}

// ---- tabs, language, key -----------------------------------------------------------------
function showTab() {
  const name = ["ask", "meetings", "draft"].includes(location.hash.slice(1))
    ? location.hash.slice(1) : "ask";
  for (const v of ["ask", "meetings", "draft"]) {
    $(`#view-${v}`).hidden = v !== name;
    const tab = $(`#tab-${v}`);
    if (v === name) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  closePanel();
  if (name === "meetings") loadMeetings();
}

function setUpChrome() {
  const params = new URLSearchParams(location.search);
  const wanted = localStorage.getItem("referat-lang");
  if (!params.has("lang") && wanted && wanted !== document.documentElement.lang) {
    location.replace(`?lang=${wanted}${location.hash}`);
    return false;
  }
  const toggle = $("#lang-toggle");
  toggle.addEventListener("click", (e) => {
    e.preventDefault();
    localStorage.setItem("referat-lang", toggle.dataset.lang);
    location.href = `?lang=${toggle.dataset.lang}${location.hash}`;
  });
  const key = $("#api-key");
  key.value = sessionStorage.getItem(KEY) || "";
  key.addEventListener("change", () => {
    if (key.value.trim()) sessionStorage.setItem(KEY, key.value.trim());
    else sessionStorage.removeItem(KEY);
    notice("");
    detailCache.clear();
    loadMeetings();
  });
  $("#panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closePanel(); });
  window.addEventListener("hashchange", showTab);
  return true;
}

// ---- the side panel: a cited item or transcript lines, beside the answer ------------------
let panelOpener = null;

function openPanel(title, meta, body) {
  panelOpener = document.activeElement;
  $("#panel-title").textContent = title;
  $("#panel-meta").textContent = meta;
  $("#panel-body").replaceChildren(...body);
  $("#panel").hidden = false;
  document.body.classList.add("with-panel");
}

function closePanel() {
  if ($("#panel").hidden) return;
  $("#panel").hidden = true;
  document.body.classList.remove("with-panel");
  if (panelOpener && document.contains(panelOpener)) panelOpener.focus();
}

function focusMark(mark) {
  mark.setAttribute("tabindex", "-1");
  // After layout: the panel has just been shown.
  requestAnimationFrame(() => {
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  });
}

// Quotes are verbatim but line breaks and bullet marks may differ: match word by word.
function findQuote(text, quote) {
  const exact = text.indexOf(quote);
  if (exact >= 0) return [exact, exact + quote.length];
  const words = quote.match(/[\p{L}\p{N}]+/gu) || [];
  if (!words.length) return null;
  const esc = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const m = new RegExp(esc.join("[^\\p{L}\\p{N}]+"), "u").exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

async function meetingDetail(id) {
  if (!detailCache.has(id)) detailCache.set(id, getJSON(`/v1/meetings/${encodeURIComponent(id)}`));
  try {
    return await detailCache.get(id);
  } catch (e) {
    detailCache.delete(id);
    throw e;
  }
}

async function openItem(meetingId, itemNumber, quote) {
  let m;
  try { m = await meetingDetail(meetingId); } catch (e) { notice(e.message); return; }
  const item = m.items.find((i) => i.number === itemNumber);
  const title = item ? `${itemLabel(item.number)}: ${item.title}` : (m.title || m.body);
  const meta = [m.body, m.date].filter(Boolean).join(", ");
  const text = item ? item.text : "";
  const span = quote && text ? findQuote(text, quote) : null;
  const body = [];
  if (quote && !span) body.push(h("p", { class: "warn" }, t("quote_missing")), h("blockquote", {}, quote));
  const pre = h("div", { class: "item-text", id: "item-text" });
  if (span) {
    const mark = h("mark", { id: "quote-mark" }, text.slice(span[0], span[1]));
    pre.append(text.slice(0, span[0]), mark, text.slice(span[1]));
    body.push(pre);
    openPanel(title, meta, body);
    focusMark(mark);
    return;
  }
  pre.append(text);
  body.push(pre);
  openPanel(title, meta, body);
  $("#panel-body").focus();
}

window.Referat = { t, itemLabel, h, $, api, getJSON, upload, download, notice, openPanel, closePanel,
  focusMark, meetingDetail, openItem, findQuote, forget: (id) => detailCache.delete(id) };

document.addEventListener("DOMContentLoaded", () => {
  if (!setUpChrome()) return;
  window.ReferatAsk.setUp();
  window.ReferatMeetings.setUp();
  window.ReferatDraft.setUp();
  loadMeetings();
  showTab();
});

function loadMeetings() {
  if (window.ReferatMeetings) window.ReferatMeetings.load();
}
