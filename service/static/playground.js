// The playground: POST the pasted page to /v1/clean as JSON and show the answer. Every piece
// of the input or the answer goes into the page as text (textContent), never as markup.
"use strict";

const $ = (id) => document.getElementById(id);

function cell(row, text, tag) {
  const el = document.createElement(tag || "td");
  el.textContent = text;
  row.appendChild(el);
}

function showMetadata(meta) {
  const body = $("metadata").tBodies[0];
  body.replaceChildren();
  for (const [key, value] of Object.entries(meta)) {
    if (value === null || value === undefined) continue;
    const row = body.insertRow();
    cell(row, key, "th");
    cell(row, String(value));
  }
}

// Whether a pasted page is HTML, as the service itself sniffs it
// (cleaner.pipeline.sniff_content_type): it starts like an HTML document, or its first
// 4,096 characters hold at least five common tags.
function looksLikeHtml(text) {
  const head = text.slice(0, 4096);
  if (/^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)/i.test(head)) {
    return true;
  }
  const tags = head.match(/<\/?(?:p|div|span|a|br|li|ul|table|article|section|h[1-6]|meta|script)\b/gi);
  return tags !== null && tags.length >= 5;
}

function showWarnings(warnings) {
  const list = $("warnings");
  list.replaceChildren();
  for (const w of warnings) {
    const li = document.createElement("li");
    li.textContent = "Warning: " + w;
    list.appendChild(li);
  }
}

// The input with every removed block (and metadata block) wrapped in a <mark>, using the
// start/end offsets the service returns (raw text only; HTML blocks have no offsets).
function showMarked(source, result) {
  const spans = [];
  for (const r of result.removed) {
    if (r.start !== null) spans.push({ start: r.start, end: r.end, kind: r.kind, reason: r.reason, meta: false });
  }
  for (const m of result.metadata_blocks) {
    if (m.start !== null) spans.push({ start: m.start, end: m.end, kind: m.field, reason: "metadata: " + m.field, meta: true });
  }
  spans.sort((a, b) => a.start - b.start);
  const out = $("marked");
  out.replaceChildren();
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out.appendChild(document.createTextNode(source.slice(at, s.start)));
    const mark = document.createElement("mark");
    mark.textContent = source.slice(s.start, s.end);
    mark.dataset.kind = s.kind;
    mark.title = s.reason;
    if (s.meta) mark.className = "meta";
    out.appendChild(mark);
    at = s.end;
  }
  out.appendChild(document.createTextNode(source.slice(at)));
  out.hidden = spans.length === 0;

  const counts = {};
  for (const r of result.removed) counts[r.kind] = (counts[r.kind] || 0) + 1;
  const legend = $("legend");
  legend.replaceChildren();
  for (const [kind, n] of Object.entries(counts).sort()) {
    const span = document.createElement("span");
    span.className = "kind";
    span.dataset.kind = kind;
    span.textContent = `${kind}: ${n}`;
    legend.appendChild(span);
  }
  if (!result.removed.length) legend.textContent = "Nothing was removed.";

  const list = $("removed");
  list.replaceChildren();
  for (const r of result.removed) {
    const li = document.createElement("li");
    li.dataset.kind = r.kind;
    const b = document.createElement("b");
    b.textContent = r.kind;
    li.appendChild(b);
    li.appendChild(document.createTextNode(` [${r.rule}] (${r.reason}): ${r.text}`));
    list.appendChild(li);
  }
}

async function clean(event) {
  event.preventDefault();
  const source = $("source").value;
  let mode = document.querySelector("input[name=mode]:checked").value;
  if (mode === "auto") mode = looksLikeHtml(source) ? "html" : "text";
  const body = { [mode]: source };
  const language = $("language").value.trim();
  if (language) body.language = language;
  const options = {};
  const favor = $("favor").value;
  if (favor) options["favor_" + favor] = true;
  if ($("links").checked) options.include_links = true;
  if ($("images").checked) options.include_images = true;
  if (Object.keys(options).length) body.options = options;
  const headers = { "Content-Type": "application/json", "Accept": "application/json" };
  const key = $("apikey").value.trim();
  if (key) headers.Authorization = "Bearer " + key;
  $("status").textContent = "Cleaning…";
  $("clean").disabled = true;
  try {
    const response = await fetch("/v1/clean", { method: "POST", headers, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) {
      $("results").hidden = true;
      $("problem").hidden = false;
      $("problem-body").textContent = JSON.stringify(answer, null, 2);
      $("status").textContent = `${response.status} ${answer.title || ""}`;
      return;
    }
    $("problem").hidden = true;
    $("results").hidden = false;
    $("text").textContent = answer.text;
    showMetadata(answer.metadata);
    showWarnings(answer.warnings);
    showMarked(source, answer);
    const read = mode === "html" ? "HTML" : "raw text";
    $("status").textContent = `Kept ${answer.metadata.word_count} words; removed ${answer.removed.length} blocks (read as ${read}).`;
  } catch (err) {
    $("status").textContent = "Request failed: " + err;
  } finally {
    $("clean").disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => $("form").addEventListener("submit", clean));
