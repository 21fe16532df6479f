package cli

// explorerPage is the web explorer's page: inline CSS and script, nothing
// loaded from elsewhere; it talks to the JSON API under /api/.
const explorerPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>distcheck explorer</title>
<link rel="icon" href="data:,">
<style>
:root { --fg:#1d2330; --muted:#6b7385; --line:#d5d9e2; --bad:#c62828; --badbg:#fdecea; --ok:#2e7d32; --chg:#fff3b0; --acc:#1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fafbfc; }
header { padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
h1 { font-size: 17px; margin: 0 12px 0 0; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0 0 8px; }
button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--acc); color: var(--acc); }
button:disabled { opacity: .45; cursor: default; }
#msg { color: var(--muted); }
#msg.error { color: var(--bad); font-weight: 600; }
main { display: grid; grid-template-columns: 260px minmax(320px, 1fr) minmax(360px, 1.1fr); gap: 16px; padding: 16px 20px; align-items: start; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
ol#history { margin: 0; padding: 0 0 0 28px; font: 12px/1.5 ui-monospace, Menlo, Consolas, monospace; max-height: 60vh; overflow: auto; }
li.hist { cursor: pointer; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
li.hist:hover { background: #eef3fb; }
li.hist.current { background: #e3f2fd; font-weight: 700; }
li.hist.future { color: var(--muted); }
li.hist.broken { color: var(--bad); }
table.state { border-collapse: collapse; width: 100%; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
table.state td { border-bottom: 1px solid #eceef3; padding: 4px 6px; vertical-align: top; }
table.state td.name { font-weight: 700; white-space: nowrap; width: 1%; }
table.state tr.same td { color: #8b93a3; }
mark { background: var(--chg); color: inherit; border-radius: 2px; }
ul#props { list-style: none; margin: 0 0 12px; padding: 0; }
ul#props li { display: flex; gap: 8px; align-items: center; padding: 2px 0; }
.status { font: 600 11px system-ui, sans-serif; border-radius: 8px; padding: 1px 7px; background: #eceff4; color: var(--muted); }
.status.holds, .status.satisfied { background: #e8f5e9; color: var(--ok); }
.status.violated { background: var(--bad); color: #fff; }
.kind { color: var(--muted); font-size: 12px; }
button.find { font-size: 11px; padding: 1px 6px; margin-left: auto; }
div.action { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 6px; padding: 6px 8px; }
div.action button.take { font: 600 12px ui-monospace, Menlo, Consolas, monospace; text-align: left; width: 100%; border: none; padding: 0; background: none; color: var(--acc); }
div.action .preview { font: 11px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #444; margin-top: 3px; word-break: break-word; }
#actions { max-height: 62vh; overflow: auto; }
textarea { width: 100%; height: 70px; font: 11px ui-monospace, Menlo, Consolas, monospace; }
.small { font-size: 12px; color: var(--muted); }
</style>
</head>
<body>
<header>
<h1 id="title">distcheck explorer</h1>
<button id="restart" title="back to the initial state, forgetting the history">Restart</button>
<button id="back" title="one step back (←)">← Back</button>
<button id="fwd" title="one step forward along the history (→)">Forward →</button>
<span id="msg"></span>
</header>
<main>
<section>
<h2>History</h2>
<ol id="history" start="0"></ol>
<h2 style="margin-top:14px">Load a saved path</h2>
<input type="file" id="file" accept=".txt">
<textarea id="paste" placeholder="or paste a corpus file (# distcheck counterexample v1 ...)"></textarea>
<button id="load">Load</button>
</section>
<section>
<h2>State <span id="pos"></span></h2>
<table class="state" id="state"></table>
</section>
<section>
<h2>Properties in this state</h2>
<ul id="props"></ul>
<h2>Enabled actions <span id="nact" class="small"></span></h2>
<div id="actions"></div>
</section>
</main>
<script>
(function () {
  "use strict";
  var sid = "", view = null;
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) { e.className = cls; } if (text !== undefined) { e.textContent = text; } return e; }
  function tokens(parent, toks, onlyChanged) {
    (toks || []).forEach(function (t) {
      if (onlyChanged && !t.Changed) { return; }
      parent.appendChild(t.Changed ? el("mark", "", t.Text) : el("span", "", t.Text));
      parent.appendChild(document.createTextNode(" "));
    });
  }
  function call(op, params, body) {
    var q = "?s=" + encodeURIComponent(sid);
    for (var k in params || {}) { q += "&" + k + "=" + encodeURIComponent(params[k]); }
    return fetch("/api/" + op + q, { method: "POST", body: body || "" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status + " " + r.statusText); } return r.json(); })
      .then(render)
      .catch(function (e) { $("msg").textContent = String(e); $("msg").className = "error"; });
  }
  function render(v) {
    view = v; sid = v.session;
    $("title").textContent = v.title;
    $("msg").textContent = v.error || v.note || "";
    $("msg").className = v.error ? "error" : "";
    $("pos").textContent = "(step " + v.pos + ")";
    $("back").disabled = v.pos === 0;
    $("fwd").disabled = v.pos >= v.history.length - 1;
    var h = $("history"); h.innerHTML = "";
    v.history.forEach(function (e, i) {
      var li = el("li", "hist" + (i === v.pos ? " current" : "") + (i > v.pos ? " future" : "") + (e.broken ? " broken" : ""), e.label);
      li.dataset.pos = i;
      li.addEventListener("click", function () { call("goto", { pos: i }); });
      h.appendChild(li);
    });
    var cur = h.querySelector(".current"); if (cur && cur.scrollIntoView) { cur.scrollIntoView({ block: "nearest" }); }
    var st = $("state"); st.innerHTML = "";
    v.state.forEach(function (c) {
      var tr = el("tr", c.changed ? "changed" : "same");
      tr.appendChild(el("td", "name", c.name));
      var td = el("td"); tokens(td, c.tokens, false); tr.appendChild(td);
      st.appendChild(tr);
    });
    var ps = $("props"); ps.innerHTML = "";
    v.properties.forEach(function (p) {
      var li = el("li", "prop");
      li.dataset.name = p.name; li.dataset.status = p.status;
      li.appendChild(el("span", "status " + p.status.replace(/ /g, "-"), p.status));
      li.appendChild(el("span", "", p.name));
      li.appendChild(el("span", "kind", p.kind + (p.detail ? " · " + p.detail : "")));
      if (p.kind !== "eventually") {
        var b = el("button", "find", p.kind === "sometimes" ? "shortest path to it" : "shortest path to a violation");
        b.title = "breadth-first search from this state, at most " + v.limits.find + " states";
        b.addEventListener("click", function () { $("msg").textContent = "searching…"; call("find", { prop: p.name }); });
        li.appendChild(b);
      }
      ps.appendChild(li);
    });
    var as = $("actions"); as.innerHTML = "";
    $("nact").textContent = "(" + (v.actions || []).length + ")";
    (v.actions || []).forEach(function (a, i) {
      var d = el("div", "action");
      var b = el("button", "take", a.label); b.dataset.i = i;
      b.addEventListener("click", function () { call("step", { i: i }); });
      d.appendChild(b);
      var pv = el("div", "preview");
      a.next.forEach(function (c) {
        if (!c.changed) { return; }
        pv.appendChild(el("b", "", c.name + ": "));
        tokens(pv, c.tokens, true);
        pv.appendChild(el("br"));
      });
      if (!pv.childNodes.length) { pv.textContent = "(no visible change)"; }
      d.appendChild(pv);
      as.appendChild(d);
    });
    if (!(v.actions || []).length) { as.appendChild(el("p", "small", "no action is enabled: the system stops here")); }
  }
  $("restart").addEventListener("click", function () { call("restart"); });
  $("back").addEventListener("click", function () { if (view && view.pos > 0) { call("goto", { pos: view.pos - 1 }); } });
  $("fwd").addEventListener("click", function () { if (view && view.pos < view.history.length - 1) { call("goto", { pos: view.pos + 1 }); } });
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "TEXTAREA") { return; }
    if (e.key === "ArrowLeft") { $("back").click(); }
    if (e.key === "ArrowRight") { $("fwd").click(); }
  });
  $("file").addEventListener("change", function () {
    var f = $("file").files[0]; if (!f) { return; }
    f.text().then(function (t) { $("paste").value = t; });
  });
  $("load").addEventListener("click", function () { call("load", {}, $("paste").value); });
  call("new");
})();
</script>
</body>
</html>
`
