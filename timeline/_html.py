"""The interactive page of :meth:`timeline.Timeline.to_html`: one self-contained HTML file.

Everything is inline (style, script, data); nothing is fetched: no CDN, no web font, no
image. The data is JSON in a ``<script type="application/json">`` element, with ``<``, ``>``
and ``&`` written as ``\\u003c``... so that no text (``</script>`` included) can end it; the
script puts every text in the page with ``textContent``, never as markup.

The page: a horizontal time axis (wheel or the +/- buttons zoom, dragging pans), one
``.event`` element per event (``data-id``, ``data-date``, ``data-status``, ``data-sources``
and ``data-actors``, lists joined with ``|``), a side panel with the sentences and sources of
the event clicked, checkbox filters by source, status and actor (a filtered-out event gets
the ``hidden`` class), and, for more than :data:`KEY_EVENTS_OVER` events, the key events
(:meth:`~timeline.Timeline.summarize`) first with a "show all N events" toggle. A
standalone page reads an initial state from its URL hash, through the same code the
checkboxes use: ``#status=expected&source=a,b&actor=Kim&all=1``.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._events import Event
from .render import AUTO_MAX_EVENTS

if TYPE_CHECKING:
    from ._timeline import Timeline

__all__ = ["KEY_EVENTS_OVER", "page", "fragment", "script_json"]

#: Above this many events the page opens on the key events: ``summarize(dates=KEY_DATES)``,
#: the same choice a crowded chart makes (:data:`timeline.render.AUTO_MAX_EVENTS`). Left to
#: decide alone, ``summarize()`` keeps only the days near the best one's score: a single day
#: when one dominates (the explosion of an oil-spill story), too few to open a page on.
KEY_EVENTS_OVER = 40
KEY_DATES = AUTO_MAX_EVENTS

_EPOCH = datetime(1970, 1, 1)
_counter = itertools.count(1)


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators.

    >>> script_json({"t": "</script>"})
    '{"t": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _ms(d: datetime | None) -> float | None:
    if d is None:
        return None
    if d.tzinfo is not None:
        d = d.replace(tzinfo=None) - (d.utcoffset() or (d - d))
    return (d - _EPOCH).total_seconds() * 1000.0


def _event_data(e: Event, key: str) -> dict[str, Any]:
    return {
        "id": key,
        "value": e.value,
        "start": _ms(e.start),
        "end": _ms(e.end),
        "text": e.text,
        "status": e.status,
        "actors": list(e.actors),
        "sources": list(e.sources),
        "mentions": [{"doc": m.doc, "sentence": m.sentence, "timex": m.timex} for m in e.mentions],
    }


def page_data(timeline: Timeline) -> dict[str, Any]:
    """What the page shows, as JSON-ready data."""
    events = [_event_data(e, f"e{i}") for i, e in enumerate(timeline.events)]
    key: list[dict[str, Any]] = []
    if len(events) > KEY_EVENTS_OVER:
        try:
            summary = timeline.summarize(dates=KEY_DATES)
        except Exception:  # a summary is a convenience: without one the page shows everything
            summary = None
        if summary is not None and 0 < len(summary) < len(events):
            key = [_event_data(e, f"k{i}") for i, e in enumerate(summary.events)]
    documents = {
        d.id: {
            "title": d.title,
            "url": d.url,
            "published": d.published.date().isoformat() if d.published else None,
        }
        for d in timeline.documents
    }
    return {"events": events, "key": key, "documents": documents}


def fragment(timeline: Timeline, *, title: str = "Chronology", standalone: bool = False) -> str:
    """The view as an HTML fragment (a ``<div>`` with its style, data and script)."""
    data = page_data(timeline)
    payload = script_json(data)
    uid = "tl-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]
    if not standalone:  # the same timeline shown twice in a notebook: two views
        uid += f"-{next(_counter)}"
    css = _CSS.replace(".tl-root", f"#{uid}")
    flag = ' data-standalone="1"' if standalone else ""
    return (
        f'<div id="{uid}" class="tl-root"{flag}>\n'
        f"<style>{css}</style>\n"
        f'<script type="application/json" class="tl-data">{payload}</script>\n'
        f"<h1 class=\"tl-title\">{html.escape(title)}</h1>\n"
        f"{_BODY}\n"
        f'<script>{_JS}\n(tlInit(document.getElementById("{uid}")));</script>\n'
        f"</div>"
    )


def page(timeline: Timeline, *, title: str = "Chronology") -> str:
    """The whole self-contained HTML document."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        f"{fragment(timeline, title=title, standalone=True)}\n"
        "</body>\n</html>\n"
    )


_BODY = """<div class="tl-bar">
<span class="tl-count"></span>
<button type="button" class="tl-toggle" hidden></button>
<span class="tl-zoom"><button type="button" class="tl-zoom-in" title="zoom in">+</button><button type="button" class="tl-zoom-out" title="zoom out">&minus;</button><button type="button" class="tl-zoom-reset" title="show everything">fit</button></span>
</div>
<div class="tl-main">
<div class="tl-left">
<div class="tl-axis" title="wheel: zoom, drag: pan"><div class="tl-ticks"></div><div class="tl-events"></div></div>
<div class="tl-undated-box"><h2>Undated</h2><div class="tl-undated"></div></div>
<div class="tl-filters">
<fieldset class="tl-filter" data-group="status"><legend>Status</legend></fieldset>
<fieldset class="tl-filter" data-group="source"><legend>Sources</legend></fieldset>
<fieldset class="tl-filter" data-group="actor"><legend>Actors</legend></fieldset>
</div>
</div>
<aside class="tl-panel"><p class="tl-hint">Click an event to see its sentences and sources.</p></aside>
</div>"""

_CSS = """
.tl-root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:14px;color:#222}
.tl-root .tl-title{font-size:20px;margin:4px 0 8px}
.tl-root .tl-bar{display:flex;gap:12px;align-items:center;margin-bottom:6px}
.tl-root .tl-zoom button{min-width:2em;margin-left:2px}
.tl-root .tl-main{display:flex;gap:12px;align-items:flex-start}
.tl-root .tl-left{flex:1 1 auto;min-width:0}
.tl-root .tl-axis{position:relative;height:320px;overflow:hidden;border:1px solid #ccc;background:#fafafa;cursor:grab;user-select:none}
.tl-root .tl-axis.tl-dragging{cursor:grabbing}
.tl-root .tl-ticks{position:absolute;left:0;right:0;bottom:0;height:100%;pointer-events:none}
.tl-root .tl-tick{position:absolute;bottom:0;height:100%;border-left:1px solid #e3e3e3}
.tl-root .tl-tick span{position:absolute;bottom:2px;left:3px;font-size:11px;color:#666;white-space:nowrap}
.tl-root .tl-events{position:absolute;inset:0}
.tl-root .event{position:absolute;max-width:190px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:12px;line-height:18px;padding:0 4px 0 12px;border-radius:3px;background:#fff;border:1px solid #bbb;cursor:pointer}
.tl-root .event::before{content:"";position:absolute;left:3px;top:6px;width:6px;height:6px;border-radius:50%;background:var(--c,#999)}
.tl-root .event[data-status=happened]{--c:#0072B2}
.tl-root .event[data-status=ongoing]{--c:#E69F00}
.tl-root .event[data-status=expected]{--c:#009E73}
.tl-root .event.tl-selected{border-color:#000;box-shadow:0 0 0 1px #000}
.tl-root .tl-undated .event{position:static;display:inline-block;margin:2px}
.tl-root .event.hidden,.tl-root .tl-hidden-set{display:none !important}
.tl-root .tl-undated-box h2{font-size:13px;margin:6px 0 2px}
.tl-root .tl-filters{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.tl-root .tl-filter{max-height:160px;overflow:auto;border:1px solid #ddd;min-width:140px}
.tl-root .tl-filter label{display:block;white-space:nowrap;font-size:12px}
.tl-root .tl-panel{flex:0 0 300px;max-height:560px;overflow:auto;border-left:1px solid #ddd;padding-left:10px}
.tl-root .tl-panel h3{font-size:14px;margin:4px 0}
.tl-root .tl-panel blockquote{margin:6px 0;padding-left:8px;border-left:3px solid #ccc}
.tl-root .tl-meta{color:#555;font-size:12px}
"""

_JS = r"""
function tlInit(root) {
  "use strict";
  var q = function (sel) { return root.querySelector(sel); };
  var data = JSON.parse(q(".tl-data").textContent);
  var docs = data.documents || {};
  var hasKey = data.key && data.key.length > 0;
  var showAll = !hasKey;
  var groups = {status: {}, source: {}, actor: {}};
  var elements = [];  // {ev, el, set}
  var axis = q(".tl-axis"), layer = q(".tl-events"), ticks = q(".tl-ticks"), undated = q(".tl-undated");
  var panel = q(".tl-panel");
  var NONE = "(none)";

  function listOf(ev, group) {
    var v = group === "status" ? [ev.status] : group === "source" ? ev.sources : ev.actors;
    return v.length ? v : [NONE];
  }
  function docLabel(id) {
    var d = docs[id];
    if (!d) return id;
    return (d.title || id) + (d.published ? " (" + d.published + ")" : "");
  }

  // one element per event, for the whole timeline ("all") and its key events ("key")
  function make(ev, set) {
    var el = document.createElement("div");
    el.className = "event";
    el.setAttribute("data-id", ev.id);
    el.setAttribute("data-set", set);
    el.setAttribute("data-date", ev.value);
    el.setAttribute("data-status", ev.status);
    el.setAttribute("data-sources", ev.sources.join("|"));
    el.setAttribute("data-actors", ev.actors.join("|"));
    el.setAttribute("tabindex", "0");
    el.textContent = ev.text;
    el.title = ev.value + ": " + ev.text;
    el.addEventListener("click", function () { show(ev, el); });
    el.addEventListener("keydown", function (e) { if (e.key === "Enter") show(ev, el); });
    (ev.start === null ? undated : layer).appendChild(el);
    elements.push({ev: ev, el: el, set: set});
    ["status", "source", "actor"].forEach(function (g) {
      listOf(ev, g).forEach(function (v) { groups[g][v] = (groups[g][v] || 0) + 1; });
    });
  }
  data.events.forEach(function (ev) { make(ev, "all"); });
  (data.key || []).forEach(function (ev) { make(ev, "key"); });
  if (!undated.children.length) q(".tl-undated-box").hidden = true;

  // filters: checkbox lists; state is the set of unchecked values per group
  var off = {status: {}, source: {}, actor: {}};
  var boxes = {status: {}, source: {}, actor: {}};
  ["status", "source", "actor"].forEach(function (g) {
    var fs = root.querySelector('.tl-filter[data-group="' + g + '"]');
    var values = Object.keys(groups[g]);
    if (g === "status") {
      var order = ["happened", "ongoing", "expected"];
      values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    } else {
      values.sort(function (a, b) { return groups[g][b] - groups[g][a] || (a < b ? -1 : a > b ? 1 : 0); });
    }
    values.forEach(function (v) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = v;
      box.addEventListener("change", function () { setValue(g, v, box.checked); apply(); });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + (g === "source" && v !== NONE ? docLabel(v) : v) + " (" + groups[g][v] + ")"));
      fs.appendChild(label);
      boxes[g][v] = box;
    });
  });
  function setValue(g, v, checked) {
    if (checked) delete off[g][v]; else off[g][v] = true;
    if (boxes[g][v]) boxes[g][v].checked = checked;
  }
  function only(g, values) {  // the state a URL hash asks for: exactly these values checked
    Object.keys(boxes[g]).forEach(function (v) { setValue(g, v, values.indexOf(v) >= 0); });
  }
  function visible(ev) {
    return ["status", "source", "actor"].every(function (g) {
      return listOf(ev, g).some(function (v) { return !off[g][v]; });
    });
  }

  var toggle = q(".tl-toggle");
  if (hasKey) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () { showAll = !showAll; apply(); });
  }

  function apply() {
    var shown = 0, total = 0;
    elements.forEach(function (x) {
      var inSet = (x.set === "all") === showAll;
      x.el.classList.toggle("tl-hidden-set", !inSet);
      var ok = visible(x.ev);
      x.el.classList.toggle("hidden", !ok);
      if (inSet) { total++; if (ok) shown++; }
    });
    toggle.textContent = showAll ? "show key events only (" + data.key.length + ")" : "show all " + data.events.length + " events";
    q(".tl-count").textContent = (showAll ? "" : "key events: ") + shown + " of " + total + " shown";
    layout();
  }

  // the time axis: view [v0, v1] in ms since 1970
  var dated = data.events.concat(data.key || []).filter(function (e) { return e.start !== null; });
  var lo = Math.min.apply(null, dated.map(function (e) { return e.start; }).concat([Infinity]));
  var hi = Math.max.apply(null, dated.map(function (e) { return e.end === null ? e.start : e.end; }).concat([-Infinity]));
  if (!isFinite(lo)) { lo = 0; hi = 864e5; }
  if (hi - lo < 864e5) { hi = lo + 864e5; }
  var v0, v1;
  // room on the right for the labels of the last events
  function setView(a, b) { var span = Math.max(b - a, 864e5); v0 = a - span * 0.05; v1 = b + span * 0.3; }
  function fit() { setView(lo, hi); }
  // open on the story: the shortest stretch of time that holds four events in five (a
  // collection's background dates, "1978", would otherwise squeeze the news to one edge)
  function focus() {
    var s = dated.map(function (e) { return e.start; }).sort(function (a, b) { return a - b; });
    if (s.length < 5) { fit(); return; }
    var k = Math.ceil(s.length * 0.8), a = s[0], b = s[s.length - 1];
    for (var i = 0; i + k - 1 < s.length; i++) { if (s[i + k - 1] - s[i] < b - a) { a = s[i]; b = s[i + k - 1]; } }
    setView(a, Math.max(b, a + 7 * 864e5));
  }
  focus();
  function width() { return axis.clientWidth || 800; }
  function xOf(t) { return (t - v0) / (v1 - v0) * width(); }

  var DAY = 864e5;
  var FIXED = [[36e5, "h"], [6 * 36e5, "h"], [DAY, "d"], [7 * DAY, "d"]];
  var MONTHS = [1, 3, 6, 12, 24, 60, 120, 240, 600, 1200];
  function pad2(n) { return (n < 10 ? "0" : "") + n; }
  function label(t, kind) {
    var d = new Date(t);
    var y = d.getUTCFullYear(), m = pad2(d.getUTCMonth() + 1), dd = pad2(d.getUTCDate());
    if (kind === "y") return "" + y;
    if (kind === "m") return y + "-" + m;
    if (kind === "d") return y + "-" + m + "-" + dd;
    return m + "-" + dd + " " + pad2(d.getUTCHours()) + ":00";
  }
  function tickList() {
    var span = v1 - v0, out = [], i, t;
    for (i = 0; i < FIXED.length; i++) {
      if (span / FIXED[i][0] <= 10) {
        var step = FIXED[i][0];
        for (t = Math.ceil(v0 / step) * step; t <= v1; t += step) out.push([t, label(t, FIXED[i][1])]);
        return out;
      }
    }
    for (i = 0; i < MONTHS.length; i++) {
      var k = MONTHS[i];
      if (span / (k * 30.44 * DAY) <= 10 || i === MONTHS.length - 1) {
        var d = new Date(v0), n = d.getUTCFullYear() * 12 + d.getUTCMonth();
        n = Math.ceil(n / k) * k;
        for (;; n += k) {
          t = Date.UTC(Math.floor(n / 12), n % 12, 1);
          if (t > v1) break;
          out.push([t, label(t, k % 12 === 0 ? "y" : "m")]);
        }
        return out;
      }
    }
    return out;
  }
  function layout() {
    ticks.textContent = "";
    tickList().forEach(function (tk) {
      var div = document.createElement("div");
      div.className = "tl-tick";
      div.style.left = xOf(tk[0]) + "px";
      var s = document.createElement("span");
      s.textContent = tk[1];
      div.appendChild(s);
      ticks.appendChild(div);
    });
    // a box is at most 190px of text + its padding and border: lanes never let two overlap,
    // and the axis grows to hold them (up to MAX_LANES, then the emptiest lane is shared)
    var lanes = [], W = 210, H = 22, MAX_LANES = 36;
    var items = elements.filter(function (x) {
      return x.ev.start !== null && !x.el.classList.contains("hidden") && !x.el.classList.contains("tl-hidden-set");
    }).sort(function (a, b) { return a.ev.start - b.ev.start; });
    items.forEach(function (x) {
      var left = xOf(x.ev.start), lane = 0;
      while (lane < lanes.length && lanes[lane] > left) lane++;
      if (lane >= MAX_LANES) lane = lanes.indexOf(Math.min.apply(null, lanes));
      lanes[lane] = left + W + 6;
      x.el.style.left = left + "px";
      x.el.style.top = (6 + lane * H) + "px";
    });
    axis.style.height = Math.max(320, 40 + lanes.length * H) + "px";
  }

  function zoom(factor, atX) {
    var w = width(), at = atX === undefined ? w / 2 : atX;
    var t = v0 + (v1 - v0) * at / w, span = (v1 - v0) * factor;
    if (span < 36e5) span = 36e5;
    if (span > 1e14) span = 1e14;
    v0 = t - span * at / w;
    v1 = v0 + span;
    layout();
  }
  axis.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = axis.getBoundingClientRect();
    zoom(Math.exp(e.deltaY * 0.0015), e.clientX - r.left);
  }, {passive: false});
  q(".tl-zoom-in").addEventListener("click", function () { zoom(0.5); });
  q(".tl-zoom-out").addEventListener("click", function () { zoom(2); });
  q(".tl-zoom-reset").addEventListener("click", function () { fit(); layout(); });
  var drag = null;
  axis.addEventListener("mousedown", function (e) {
    if (e.button !== 0) return;
    drag = {x: e.clientX, v0: v0, v1: v1, moved: false};
  });
  window.addEventListener("mousemove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x;
    if (Math.abs(dx) > 3) { drag.moved = true; axis.classList.add("tl-dragging"); }
    var dt = dx / width() * (drag.v1 - drag.v0);
    v0 = drag.v0 - dt; v1 = drag.v1 - dt;
    layout();
  });
  window.addEventListener("mouseup", function () {
    if (drag && drag.moved) {  // a drag is not a click on the event under the pointer
      axis.addEventListener("click", function stop(e) { e.stopPropagation(); axis.removeEventListener("click", stop, true); }, true);
    }
    drag = null;
    axis.classList.remove("tl-dragging");
  });

  // the side panel
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function show(ev, el) {
    elements.forEach(function (x) { x.el.classList.remove("tl-selected"); });
    el.classList.add("tl-selected");
    panel.textContent = "";
    add(panel, "h3", ev.text);
    add(panel, "p", ev.value + " \u00b7 " + ev.status + (ev.actors.length ? " \u00b7 " + ev.actors.join(", ") : ""), "tl-meta");
    add(panel, "h3", "Sentences");
    ev.mentions.forEach(function (m) {
      var b = add(panel, "blockquote", m.sentence);
      add(b, "div", "\u2014 " + docLabel(m.doc) + (m.timex ? ", \u201c" + m.timex + "\u201d" : ""), "tl-meta");
    });
    add(panel, "h3", "Sources");
    var ul = add(panel, "ul");
    ev.sources.forEach(function (id) {
      var li = add(ul, "li");
      var d = docs[id];
      if (d && d.url && /^https?:\/\//i.test(d.url)) {
        var a = add(li, "a", docLabel(id));
        a.href = d.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      } else {
        li.textContent = docLabel(id);
      }
    });
  }

  // initial state from the URL hash (a standalone page): #status=expected&source=a,b&all=1
  if (root.getAttribute("data-standalone") && location.hash.length > 1) {
    location.hash.slice(1).split("&").forEach(function (part) {
      var kv = part.split("="), g = decodeURIComponent(kv[0]);
      var vals = kv.length > 1 ? kv[1].split(",").map(decodeURIComponent) : [];
      if (g === "all") showAll = hasKey ? vals[0] !== "0" : true;
      else if (boxes[g]) only(g, vals);
    });
  }
  apply();
  window.addEventListener("resize", layout);
}
"""
