package viz

// css styles the report; no external fonts or images.
const css = `
:root { --fg:#1d2330; --muted:#6b7385; --line:#d5d9e2; --bad:#c62828; --badbg:#fdecea; --chg:#fff3b0; --cyc:#ede7f6; --acc:#1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fafbfc; }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 16px 0 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
.prop { color: var(--bad); }
.kind { font-size: 12px; padding: 1px 6px; border-radius: 8px; background: #eceff4; color: var(--muted); }
.cyclemark { background: var(--cyc); padding: 0 4px; border-radius: 3px; }
code { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
code.cmd { background: #f1f3f7; padding: 2px 6px; border-radius: 4px; user-select: all; }
pre.detail { background: var(--badbg); border-left: 3px solid var(--bad); padding: 8px 12px; white-space: pre-wrap; font-size: 12px; margin: 8px 0; }
p.note { color: var(--muted); max-width: 70em; }
main { display: flex; align-items: flex-start; gap: 0; padding: 12px 24px; }
#diagram-wrap { flex: none; position: sticky; left: 0; }
#table-wrap { flex: 1; overflow-x: auto; }
table#steps { border-collapse: collapse; background: #fff; font: 12px/1.35 ui-monospace, Menlo, Consolas, monospace; }
#steps th { position: sticky; top: 0; background: #eef1f6; text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); font-family: system-ui, sans-serif; }
#steps td { padding: 5px 8px; border-bottom: 1px solid #eceef3; vertical-align: top; max-width: 38em; min-width: 15em; }
#steps td.num { min-width: 0; }
#steps td.num { color: var(--muted); text-align: right; }
#steps td.action { font-weight: 600; min-width: 14em; max-width: 24em; word-break: break-word; }
#steps td.same { color: #9aa1b0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 15em; }
#steps td.same:hover { white-space: normal; }
#steps .folded { color: #9aa1b0; font-style: italic; white-space: nowrap; }
#steps td.changed { background: #fffdf2; }
#steps mark { background: var(--chg); color: inherit; border-radius: 2px; padding: 0 1px; }
#steps tr.cycle td.num { box-shadow: inset 3px 0 0 #7e57c2; }
#steps tr.cycle { background: var(--cyc); }
#steps tr.violation { background: var(--badbg); outline: 2px solid var(--bad); outline-offset: -2px; }
#steps tr.selected { background: #e3f2fd; }
#steps tr.loopback td { color: #5e35b1; font-style: italic; }
.badge.witness { background: #2e7d32 !important; }
.badge { background: var(--bad); color: #fff; border-radius: 8px; padding: 1px 7px; font: 600 11px system-ui, sans-serif; margin-left: 6px; }
section.attachment { padding: 0 24px 24px; }
iframe#attachment { width: 100%; height: 520px; border: 1px solid var(--line); background: #fff; }
svg text { font: 11px system-ui, sans-serif; }
svg .mark text { font-weight: 700; }
svg .lanehead { font-weight: 700; font-size: 12px; }
svg .lane { stroke: #8a93a6; stroke-width: 1.5; }
svg .down { stroke: var(--bad); stroke-width: 3; stroke-dasharray: 4 3; opacity: .7; }
svg .arrow { stroke: var(--acc); stroke-width: 1.4; fill: none; }
svg .arrow.dup { stroke: #ef6c00; stroke-dasharray: 5 3; }
svg .arrow.dropped { stroke: #9e9e9e; stroke-dasharray: 3 3; }
svg .arrow.inflight { stroke: #90a4ae; stroke-dasharray: 2 4; }
svg .arrow.hot { stroke-width: 3; }
svg .msglabel { fill: #37474f; font-size: 10px; paint-order: stroke; stroke: #fafbfc; stroke-width: 3px; }
svg .violationband { fill: var(--badbg); stroke: var(--bad); }
svg .cycleband { fill: var(--cyc); }
svg .partition { fill: #fbe9e7; opacity: .8; }
svg .partlabel { fill: #bf360c; font-size: 10px; }
`

// js draws the diagram from the embedded data, aligning each step with its
// row of the table, and reports what it drew in window.vizDrawn (the
// browser tests read it).
const js = `
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("viz-data").textContent);
  var svg = document.getElementById("diagram");
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    (parent || svg).appendChild(e);
    return e;
  }
  function text(s, attrs, parent) { var t = el("text", attrs, parent); t.textContent = s; return t; }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#steps tbody tr.step"));
  function select(i) {
    rows.forEach(function (r) { r.classList.toggle("selected", +r.dataset.step === i); });
    if (!svg) { return; }
    Array.prototype.forEach.call(svg.querySelectorAll(".arrow"), function (a) {
      a.classList.toggle("hot", +a.dataset.send === i || +a.dataset.at === i);
    });
  }
  rows.forEach(function (r) { r.addEventListener("click", function () { select(+r.dataset.step); }); });
  function draw() {
    var d = data.diagram;
    if (!svg || !d) { window.vizDrawn = { lanes: 0, arrows: 0, marks: 0 }; return; }
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var laneW = 96, left = 56, width = left + laneW * d.Lanes.length;
    var table = document.getElementById("steps");
    var head = table.tHead.getBoundingClientRect();
    var top = table.getBoundingClientRect().top;
    var height = table.getBoundingClientRect().height;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    var y = rows.map(function (r) { var b = r.getBoundingClientRect(); return { mid: b.top - top + b.height / 2, top: b.top - top, h: b.height }; });
    function x(l) { return left + laneW * l + laneW / 2; }
    var defs = el("defs", {});
    [["head", "#1565c0"], ["headdup", "#ef6c00"]].forEach(function (m) {
      var mk = el("marker", { id: m[0], viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }, mk);
    });
    if (data.loop >= 0 && data.loop < y.length) {
      var last = y[y.length - 1];
      el("rect", { "class": "cycleband", x: 0, y: y[data.loop].top, width: width, height: last.top + last.h - y[data.loop].top });
      text("↺ repeats", { x: 4, y: y[data.loop].top + 12, fill: "#5e35b1" });
    }
    if (data.violation >= 0 && data.violation < y.length) {
      var v = y[data.violation];
      el("rect", { "class": "violationband", x: 1, y: v.top + 1, width: width - 2, height: v.h - 2 });
    }
    (d.Partitions || []).forEach(function (p) {
      var y0 = y[p.From].mid, y1 = y[Math.min(p.To, y.length - 1)].mid;
      p.Side.forEach(function (s, l) {
        if (s) { el("rect", { "class": "partition", x: x(l) - laneW / 2 + 4, y: y0, width: laneW - 8, height: Math.max(y1 - y0, 6) }); }
      });
      text(p.Text, { "class": "partlabel", x: left, y: y0 - 3 });
    });
    d.Lanes.forEach(function (name, l) {
      var g = el("g", { "class": "lanegroup" });
      text(name, { "class": "lanehead", x: x(l), y: head.height / 2 + 4, "text-anchor": "middle" }, g);
      el("line", { "class": "lane", x1: x(l), x2: x(l), y1: head.height, y2: height }, g);
    });
    (d.Down || []).forEach(function (s) {
      el("line", { "class": "down", x1: x(s.Lane), x2: x(s.Lane), y1: y[s.From].mid, y2: y[Math.min(s.To, y.length - 1)].mid });
    });
    rows.forEach(function (r, i) { text(String(i), { x: 6, y: y[i].mid + 4, fill: "#6b7385" }); });
    (d.Arrows || []).forEach(function (a) {
      var x0 = x(a.From), x1 = x(a.To), y0 = y[a.Send].mid, y1 = y[a.At].mid;
      var cls = "arrow" + (a.Dropped ? " dropped" : "") + (a.Duplicate ? " dup" : "") + (a.InFlight ? " inflight" : "");
      if (a.Dropped) { x1 = (x0 + x1) / 2; }
      if (a.InFlight) { x1 = x0 + (x1 - x0) * 0.25; y1 = y0 + Math.min(28, y[a.At].top + y[a.At].h - y0); }
      var p = el("path", { "class": cls, d: "M" + x0 + "," + y0 + " L" + x1 + "," + y1,
        "marker-end": a.Dropped || a.InFlight ? "" : (a.Duplicate ? "url(#headdup)" : "url(#head)"), "data-send": a.Send, "data-at": a.At });
      var t = document.createElementNS(NS, "title"); t.textContent = (a.Dropped ? "dropped: " : a.InFlight ? "still in flight: " : "") + d.Lanes[a.From] + "→" + d.Lanes[a.To] + " " + a.Message; p.appendChild(t);
      if (a.Dropped) {
        text("✕", { x: x1 - 5, y: y1 + 4, fill: "#c62828", "font-weight": 700 });
      }
      if (a.InFlight) { return; }
      var mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
      text(short(a.Message.replace(/\{.*$/, ""), 16), { "class": "msglabel", x: mx, y: my - 3, "text-anchor": "middle" });
    });
    var glyph = { timer: "T", input: "C", crash: "✖", restart: "↻", dup: "2" };
    var color = { timer: "#2e7d32", input: "#6a1b9a", crash: "#c62828", restart: "#2e7d32", dup: "#ef6c00" };
    (d.Marks || []).forEach(function (m) {
      var g = el("g", { "class": "mark " + m.Kind });
      el("circle", { cx: x(m.Lane), cy: y[m.Step].mid, r: 8, fill: "#fff", stroke: color[m.Kind] }, g);
      text(glyph[m.Kind] || "•", { x: x(m.Lane), y: y[m.Step].mid + 4, "text-anchor": "middle", fill: color[m.Kind] }, g);
      if (m.Kind === "timer" || m.Kind === "input") {
        text(short(m.Text.replace(/^(timer|client) /, ""), 14), { "class": "msglabel", x: x(m.Lane) + 11, y: y[m.Step].mid - 6 }, g);
      }
      var t = document.createElementNS(NS, "title"); t.textContent = m.Text; g.appendChild(t);
    });
    window.vizDrawn = { lanes: d.Lanes.length, arrows: (d.Arrows || []).length, marks: (d.Marks || []).length };
  }
  draw();
  window.addEventListener("resize", draw);
  var v = document.getElementById("step-" + data.violation);
  if (v && v.getBoundingClientRect().top > window.innerHeight) { v.scrollIntoView({ block: "center" }); }
})();
`
