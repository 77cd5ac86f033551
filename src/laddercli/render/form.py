"""The browser form of ``ladder form``: one self-contained HTML page.

Everything is inline (the CSS, the script, the data) and a Content-Security-Policy lets the
page fetch nothing, so it works from a ``file://`` URL, offline, mailed as an attachment.
The questions are real HTML, drawn here (the page reads and prints without its script):
each a fieldset of native, labelled radio buttons, with a note and the pitfalls as check
boxes. The script keeps every answer in the browser's storage as it is given (keyed by the
form id), shows the progress, and builds the answers file (JSON, in the order of
``answers.TOP_KEYS``) to download or copy. Role text is escaped as in the HTML report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from laddercli import __version__
from laddercli.render.html import escape


@dataclass(frozen=True)
class FormChoice:
    """One radio button: its value in the answers file, its label and anchor."""

    value: str  # "0" .. top, "na" or "skip"
    label: str
    anchor: str | None = None


@dataclass(frozen=True)
class FormQuestion:
    id: str
    counter: str  # "7 of 22"
    area: str  # the key action's title, "Key shift", "Readiness for CTO"
    text: str  # the statement rated
    asked: str  # the question as this rater reads it
    choices: tuple[FormChoice, ...]


@dataclass(frozen=True)
class FormPitfall:
    id: str
    text: str


@dataclass(frozen=True)
class Form:
    id: str
    title: str  # the page's title
    heading: str
    lead: tuple[str, ...]  # who answers about whom, how long it takes, how to answer
    on_screen: str  # where the answers are kept, and how they go back
    on_paper: str  # the same, for a rater who prints the form
    evidence: bool  # notes asked for prominently, for each question
    note_label: str
    questions: tuple[FormQuestion, ...]
    pitfalls_counter: str
    pitfalls_prompt: str
    pitfalls: tuple[FormPitfall, ...]
    head: dict[str, Any]  # the answers file's fields before its answers (``answers_head``)
    download_name: str  # the answers file's name in the rater's downloads


CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --rule: #d9dee3; --accent: #1d4ed8;
  --pale: #eef2ff; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f7f8fa;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 0; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .8rem; overflow-wrap: anywhere; }
.lead p { margin: .5rem 0; }
.who { font-size: 1.1rem; font-weight: 600; margin: 0 0 .8rem; overflow-wrap: anywhere; }
.lead, .send, footer { overflow-wrap: anywhere; }
.lead { background: #fff; border: 1px solid var(--rule); border-radius: 8px;
  padding: .1rem 1rem; margin-bottom: 1.2rem; }
fieldset { background: #fff; border: 1px solid var(--rule); border-radius: 8px;
  margin: 0 0 1rem; padding: .8rem 1rem 1rem; min-width: 0; break-inside: avoid;
  content-visibility: auto; contain-intrinsic-size: auto 28rem; }
legend { float: left; width: 100%; padding: 0; margin-bottom: .6rem; }
legend + * { clear: both; }
.n { display: block; color: var(--muted); font-size: .85rem; }
.t { display: block; font-weight: 600; font-size: 1.05rem; margin: .2rem 0;
  overflow-wrap: anywhere; }
.a { display: block; }
.c label { display: flex; gap: .6rem; align-items: flex-start; padding: .35rem .5rem;
  border-radius: 6px; cursor: pointer; overflow-wrap: anywhere; }
.c label:hover { background: var(--pale); }
.c input { margin: .3rem 0 0; flex: none; width: 1.1rem; height: 1.1rem; }
.c label:has(input:checked) { background: var(--pale); outline: 1px solid var(--accent); }
.c b { flex: none; min-width: 1ch; }
.c small { display: block; color: var(--muted); font-size: .9rem; }
@media (min-width: 40rem) { .c small { display: inline; margin-left: .6rem; } }
.c .x { border-top: 1px dashed var(--rule); margin-top: .3rem; padding-top: .3rem;
  display: flex; flex-wrap: wrap; gap: 0 1rem; }
.c .x label { padding: .35rem .5rem; }
.note { display: block; margin-top: .6rem; font-size: .9rem; color: var(--muted); }
.ev .note { color: var(--ink); font-weight: 600; font-size: 1rem; }
textarea { display: block; width: 100%; margin-top: .25rem; min-height: 2.6rem;
  font: inherit; font-weight: normal; color: var(--ink); padding: .4rem .5rem;
  border: 1px solid #9aa5b1; border-radius: 6px; resize: vertical; }
.ev textarea { min-height: 4.5rem; }
.p label { display: flex; gap: .6rem; padding: .35rem .5rem; border-radius: 6px; }
.p input { margin: .3rem 0 0; flex: none; width: 1.1rem; height: 1.1rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.bar { position: sticky; bottom: 0; background: #fff; border-top: 1px solid var(--rule);
  padding: .4rem 1rem; display: flex; gap: 1rem; align-items: center;
  margin: 0 -1rem; font-size: .9rem; }
#progress { font-weight: 600; white-space: nowrap; }
progress { flex: 1; height: .5rem; accent-color: var(--accent); }
.send { background: #fff; border: 2px solid var(--accent); border-radius: 8px;
  padding: .2rem 1rem 1rem; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: .6rem 0 .4rem; }
.buttons { display: flex; flex-wrap: wrap; gap: .6rem; margin: .8rem 0 .4rem; }
button { font: inherit; font-weight: 600; padding: .5rem 1rem; border-radius: 6px;
  border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.s { background: #fff; color: var(--accent); }
.paper { display: none; }
#said { margin: .4rem 0 0; font-weight: 600; }
#said:empty, #copy-box[hidden], button[hidden] { display: none; }
#copy-box textarea { min-height: 8rem; font-family: ui-monospace, monospace; font-size: .8rem; }
footer { color: var(--muted); font-size: .85rem; margin: 1rem 0 2rem; }
@media (max-width: 30rem) {
  main { padding: 1rem .6rem 0; }
  h1 { font-size: 1.35rem; }
  fieldset, .lead, .send { padding-left: .7rem; padding-right: .7rem; }
  .bar { margin: 0 -.6rem; }
}
@media print {
  body { background: #fff; }
  fieldset { content-visibility: visible; }
  main { max-width: none; padding: 0; }
  .bar, .send, .screen { display: none !important; }
  .paper { display: block; }
  fieldset, .lead { border-color: #999; }
  .c label:has(input:checked) { outline: 2px solid #000; }
  body { font-size: 10pt; }
  fieldset { padding: .5rem .8rem .6rem; margin-bottom: .6rem; }
  .c label, .c .x label { padding: .1rem .4rem; }
  textarea { border-color: #999; min-height: 3rem; resize: none; field-sizing: content;
    break-inside: avoid; }
}
"""

# The script: O(n) in the questions; every answer saved as it is given (localStorage, keyed
# by the form id); the answers file built in the order the contract gives.
SCRIPT = r"""
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("form-meta").textContent);
  var key = "ladder-form:" + meta.head.form;
  var form = document.getElementById("answers");
  var sets = form.querySelectorAll("fieldset[data-q]");
  var ids = [], byId = {};
  for (var i = 0; i < sets.length; i++) {
    ids.push(sets[i].getAttribute("data-q"));
    byId[sets[i].getAttribute("data-q")] = sets[i];
  }
  var boxes = form.querySelectorAll("input[data-p]");
  var state = blank();
  var status = document.getElementById("progress");
  var meter = document.getElementById("meter");
  var said = document.getElementById("said");
  var forget = document.getElementById("forget");
  var store = null;
  var RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }

  function own(object, name) { return Object.prototype.hasOwnProperty.call(object, name); }
  function blank() { return {r: {}, n: {}, p: {}, d: false}; }
  function table(value) {
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  }
  // What the browser keeps, checked: anything else stored under the key (junk, another
  // version's) is left out, never trusted.
  function stored() {
    var saved = null, out = blank();
    try { saved = store && JSON.parse(store.getItem(key) || "null"); } catch (e) { saved = null; }
    saved = table(saved);
    var r = table(saved.r), n = table(saved.n), p = table(saved.p);
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      if (own(r, id) && typeof r[id] === "string" && offered(id, r[id])) { out.r[id] = r[id]; }
      if (own(n, id) && typeof n[id] === "string" && n[id] !== "") { out.n[id] = n[id]; }
    }
    for (var k = 0; k < boxes.length; k++) {
      var pid = boxes[k].getAttribute("data-p");
      if (own(p, pid) && p[pid] === true) { out.p[pid] = true; }
    }
    out.d = saved.d === true;
    return out;
  }
  function offered(id, value) {
    var radios = byId[id].querySelectorAll("input[type=radio]");
    for (var j = 0; j < radios.length; j++) { if (radios[j].value === value) { return true; } }
    return false;
  }
  function save() {
    if (!store) { return; }
    try { store.setItem(key, JSON.stringify(state)); } catch (e) {
      say("This browser could not keep your answers: download them before closing the page.");
    }
  }
  function say(text) { said.textContent = text; }
  function count() {
    var n = 0;
    for (var i = 0; i < ids.length; i++) { if (own(state.r, ids[i])) { n++; } }
    return n;
  }
  function progress() {
    var n = count();
    status.textContent = n + " of " + ids.length + " answered";
    meter.value = n;
    forget.hidden = !state.d;
  }
  // The page shows ``state``: each radio, note and box as kept.
  function paint() {
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i], set = byId[id];
      var radios = set.querySelectorAll("input[type=radio]");
      for (var j = 0; j < radios.length; j++) {
        radios[j].checked = own(state.r, id) && radios[j].value === state.r[id];
      }
      var area = set.querySelector("textarea"), note = own(state.n, id) ? state.n[id] : "";
      if (area.value !== note) { area.value = note; }
    }
    for (var k = 0; k < boxes.length; k++) {
      boxes[k].checked = own(state.p, boxes[k].getAttribute("data-p"));
    }
    progress();
  }
  function owner(el) {
    while (el && !(el.getAttribute && el.getAttribute("data-q"))) { el = el.parentNode; }
    return el ? el.getAttribute("data-q") : null;
  }
  // One change, made to what the browser keeps now: the same form open in another tab
  // keeps its answers too (the last change to a question wins).
  function changed(event) {
    var el = event.target;
    if (store) { state = stored(); }
    if (el.type === "radio") { state.r[el.name] = el.value; }
    else if (el.type === "checkbox") {
      var pid = el.getAttribute("data-p");
      if (el.checked) { state.p[pid] = true; } else { delete state.p[pid]; }
    } else if (el.tagName === "TEXTAREA") {
      var id = owner(el);
      if (id === null) { return; }
      if (el.value === "") { delete state.n[id]; } else { state.n[id] = el.value; }
    } else { return; }
    save();
    progress();
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function now() {
    var d = new Date(), off = -d.getTimezoneOffset(), abs = Math.abs(off);
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + "T" +
      two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) +
      (off < 0 ? "-" : "+") + two(Math.floor(abs / 60)) + ":" + two(abs % 60);
  }
  function rating(value) {
    if (value === undefined) { return null; }
    return /^[0-9]+$/.test(value) ? parseInt(value, 10) : value;
  }
  function answersText() {
    var out = {}, head = meta.head;
    for (var k in head) { if (own(head, k)) { out[k] = head[k]; } }
    out.date = now();
    var answers = {};
    for (var i = 0; i < ids.length; i++) {
      var note = own(state.n, ids[i]) ? state.n[ids[i]] : undefined;
      answers[ids[i]] = {
        rating: rating(own(state.r, ids[i]) ? state.r[ids[i]] : undefined),
        note: note === undefined || /^\s*$/.test(note) ? null : note
      };
    }
    out.answers = answers;
    var pitfalls = {};
    for (var j = 0; j < boxes.length; j++) {
      var pid = boxes[j].getAttribute("data-p");
      pitfalls[pid] = own(state.p, pid);
    }
    out.pitfalls = pitfalls;
    // as ladder writes JSON: characters a YAML reader refuses raw, as escapes
    return JSON.stringify(out, null, 2).replace(RAW, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }) + "\n";
  }
  function left() {
    var missing = ids.length - count();
    return missing ? " " + missing + " of " + ids.length + " questions have no answer yet." : "";
  }
  function sent() {
    if (store) { state = stored(); }
    state.d = true;
    save();
    paint();
  }
  function download() {
    var blob = new Blob([answersText()], {type: "application/json"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = meta.file;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    sent();
    say("Saved " + meta.file + " in your downloads: send it back to whoever sent you " +
      "this form." + left());
  }
  function showText(text, why) {
    var box = document.getElementById("copy-box");
    var area = box.querySelector("textarea");
    area.value = text;
    box.hidden = false;
    area.focus();
    area.select();
    say(why);
  }
  function copy() {
    var text = answersText();
    var fallback = function () {
      showText(text, "Your browser did not let the page copy: select all the text below, " +
        "copy it, and paste it into an e-mail." + left());
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        say("Copied: paste your answers into an e-mail to whoever sent you this form." + left());
      }, fallback);
    } else { fallback(); }
    sent();
  }
  function forgetAll() {
    if (!window.confirm("Forget your answers in this browser? Send the file you downloaded " +
        "first: the page cannot bring them back.")) { return; }
    if (store) { try { store.removeItem(key); } catch (e) { /* nothing kept */ } }
    state = blank();
    paint();
    say("Your answers are no longer kept in this browser.");
  }
  if (store) { state = stored(); }
  paint();
  form.addEventListener("change", changed);
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { changed(event); }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("storage", function (event) {
    if (store && (event.key === key || event.key === null)) { state = stored(); paint(); }
  });
  document.getElementById("download").addEventListener("click", download);
  document.getElementById("copy").addEventListener("click", copy);
  forget.addEventListener("click", forgetAll);
  if (!store) {
    say("This browser does not keep answers for this page: download them before closing it.");
  }
})();
"""


EVIDENCE = ' class="ev"'


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _question(q: FormQuestion, note_label: str) -> str:
    name = escape(q.id)
    extra = []
    scale = []
    for c in q.choices:
        anchor = f"<small>{escape(c.anchor)}</small>" if c.anchor else ""
        if c.value in ("na", "skip"):
            extra.append(
                f'<label><input type="radio" name="{name}" value="{c.value}">'
                f"<span>{escape(c.label)}</span></label>"
            )
        else:
            scale.append(
                f'<label><input type="radio" name="{name}" value="{c.value}">'
                f"<b>{c.value}</b><span>{escape(c.label)}{anchor}</span></label>"
            )
    return (
        f'<fieldset data-q="{name}"><legend><span class="n">{escape(q.counter)} · '
        f'{escape(q.area)}</span><span class="t">{escape(q.text)}</span>'
        f'<span class="a">{escape(q.asked)}</span></legend><div class="c">{"".join(scale)}'
        f'<div class="x">{"".join(extra)}</div></div><label class="note">{escape(note_label)}'
        "<textarea rows=2></textarea></label></fieldset>\n"
    )


def _pitfalls(form: Form) -> str:
    if not form.pitfalls:
        return ""
    boxes = "".join(
        f'<label><input type="checkbox" data-p="{escape(p.id)}">'
        f"<span>{escape(p.text)}</span></label>"
        for p in form.pitfalls
    )
    return (
        f'<fieldset class="p"><legend><span class="n">{escape(form.pitfalls_counter)} · '
        f'Common pitfalls</span><span class="a">{escape(form.pitfalls_prompt)}</span>'
        f"</legend>{boxes}</fieldset>\n"
    )


def _send(form: Form) -> str:
    """The end of the form: how the answers go back, the buttons, and what they did."""
    return (
        '<section class="send" aria-labelledby="send"><h2 id="send">Send your answers</h2>'
        f"<p>Download answers saves a file ({escape(form.download_name)}) in your "
        "downloads: send it back to whoever sent you this form. Copy answers copies the "
        "same text, to paste into an e-mail. Once you have sent them, Forget these answers "
        "removes them from this browser.</p>"
        '<div class="buttons"><button type="button" id="download">Download answers</button>'
        '<button type="button" id="copy" class="s">Copy answers</button>'
        '<button type="button" id="forget" class="s" hidden>Forget these answers</button></div>'
        '<p id="said" role="status" aria-live="polite"></p>'
        '<div id="copy-box" hidden><label>Your answers (select all and copy)'
        "<textarea readonly></textarea></label></div></section>\n"
    )


def form_html(form: Form) -> str:
    """The page: the questions as HTML, the answers kept and downloaded by the script."""
    meta = {"head": form.head, "file": form.download_name}
    lead = "".join(f"<p>{escape(line)}</p>" for line in form.lead[1:])
    lead += f'<p class="screen">{escape(form.on_screen)}</p>'
    lead += f'<p class="paper">{escape(form.on_paper)}</p>'
    who = f'<p class="who">{escape(form.lead[0])}</p>'
    questions = "".join(_question(q, form.note_label) for q in form.questions)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(form.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<main>\n<h1>{escape(form.heading)}</h1>\n{who}<div class="lead">{lead}</div>\n'
        f'<form id="answers" autocomplete="off"{EVIDENCE if form.evidence else ""}>\n'
        f"{questions}{_pitfalls(form)}</form>\n"
        f"{_send(form)}"
        '<div class="bar"><span id="progress" role="status" aria-live="polite"></span>'
        f'<progress id="meter" max="{len(form.questions)}" value="0" aria-hidden="true">'
        "</progress></div>\n"
        f"<footer>Made by ladder {escape(__version__)} · form {escape(form.id)} · role "
        f"content {escape(str(form.head['digest']))}</footer>\n</main>\n"
        f'<script type="application/json" id="form-meta">{_script_json(meta)}</script>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
