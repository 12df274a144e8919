/* Backprop charts: draws every <figure data-chart="ID"> from the JSON spec in <script id="ID">
 * (built by submissions/charts.py) with uPlot, static/vendor/uPlot.iife.min.js, loaded on first
 * need. Figures that arrive later in an htmx swap are drawn too; each chart follows its
 * container's width (ResizeObserver) and the colour scheme. Without JavaScript the figure's
 * table of numbers stays open instead.
 */
(function () {
  "use strict";

  if (window.backpropCharts) {
    // A second copy of this script (another response's fragment): just draw what is new.
    window.backpropCharts.scan(document);
    return;
  }

  var UPLOT_SRC = document.currentScript && document.currentScript.dataset.uplot;
  var INT_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];
  var FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var LABEL_FONT = "600 12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var drawn = [];
  var loading = null;

  function loadUPlot() {
    if (window.uPlot) return Promise.resolve(window.uPlot);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = UPLOT_SRC;
        tag.onload = function () { resolve(window.uPlot); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function colours(el) {
    var css = getComputedStyle(el);
    function v(name, fallback) { return (css.getPropertyValue(name) || "").trim() || fallback; }
    return {
      ink: v("--ink", "#16181d"),
      muted: v("--muted", "#4f5663"),
      line: v("--line", "#d9dde3"),
      accent: v("--accent", "#2b50c8"),
      accentInk: v("--accent-ink", "#fff"),
      pass: v("--pass", "#17663a"),
      band: v("--chart-band", "rgba(43, 80, 200, 0.16)"),
    };
  }

  function fmt(value) {
    if (value == null || !isFinite(value)) return "–";
    if (Number.isInteger(value)) return String(value);
    var abs = Math.abs(value);
    return abs !== 0 && (abs < 0.001 || abs >= 1e6) ? value.toExponential(2) : String(+value.toPrecision(4));
  }

  function axis(c, extra) {
    var base = {
      stroke: c.muted,
      font: FONT,
      labelFont: LABEL_FONT,
      grid: { stroke: c.line, width: 1 },
      ticks: { stroke: c.line, width: 1 },
    };
    return Object.assign(base, extra);
  }

  function lineOptions(spec, c, width) {
    var names = spec.x.names;
    var series = [{
      label: spec.x.label,
      value: function (u, v) { return v == null ? "–" : names ? (names[v - 1] || fmt(v)) : fmt(v); },
    }];
    var upper = -1, lower = -1;
    var marks = [null];
    spec.series.forEach(function (s, i) {
      var item = { label: s.label, spanGaps: true, value: function (u, v) { return fmt(v); } };
      if (s.role === "upper" || s.role === "lower") {
        Object.assign(item, { stroke: c.accent, width: 1, dash: [4, 4], points: { show: false }, alpha: 0.6 });
        if (s.role === "upper") upper = i + 1; else lower = i + 1;
      } else if (s.role === "points") {
        Object.assign(item, {
          stroke: c.pass, fill: c.pass, width: 0,
          paths: function () { return null; },
          points: { show: true, size: 10, width: 2, stroke: c.pass, fill: c.pass },
        });
      } else {
        Object.assign(item, {
          stroke: c.accent, width: 2,
          points: { show: s.points || spec.data[0].length <= 24, size: 6, fill: c.accent },
        });
      }
      marks.push(s.role === "upper" || s.role === "lower" ? c.band : s.role === "points" ? c.pass : c.accent);
      series.push(item);
    });
    var xAxis = { label: spec.x.label, space: 44 };
    if (spec.x.integer) {
      xAxis.incrs = INT_INCRS;
      xAxis.values = function (u, splits) {
        return splits.map(function (v) { return Number.isInteger(v) ? String(v) : ""; });
      };
    }
    var yScale = { auto: true };
    if (spec.y.min != null && spec.y.max != null) yScale = { auto: false, range: [spec.y.min, spec.y.max] };
    var xs = spec.data[0];
    return {
      width: width,
      height: Math.round(Math.max(230, Math.min(320, width * 0.6))),
      series: series,
      bands: upper > 0 && lower > 0 ? [{ series: [upper, lower], fill: c.band }] : [],
      scales: {
        x: {
          time: false,
          range: function (u, min, max) {
            return min === max ? [min - 1, max + 1] : [xs[0], xs[xs.length - 1]];
          },
        },
        y: yScale,
      },
      axes: [
        axis(c, xAxis),
        axis(c, {
          label: spec.y.label,
          size: width < 500 ? 46 : 56,
          values: function (u, splits) { return splits.map(fmt); },
        }),
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true, markers: { width: 0, fill: function (u, i) { return marks[i]; } } },
    };
  }

  function shorten(ctx, text, room) {
    if (ctx.measureText(text).width <= room) return text;
    var cut = text;
    while (cut.length > 1 && ctx.measureText(cut + "…").width > room) cut = cut.slice(0, -1);
    return cut.trimEnd() + "…";
  }

  function barOptions(spec, c, width) {
    // Each bar under its own label, at any width: long exercise titles are never cut to fit a
    // label column, and a phone gets the whole width for the bars.
    var names = spec.x.names;
    var texts = spec.series[0].texts || [];
    var n = names.length;
    var percent = spec.y.percent;
    var top = spec.y.max || 1;
    var ROW = 56;

    function textOf(i) { return texts[i] || fmt(spec.data[1][i]); }

    function reachFor(u) {
      // Far enough that a bar too short to hold its text inside has room for it after its end.
      var ctx = u.ctx, ratio = window.uPlot.pxRatio || 1, plotW = u.bbox.width / ratio, pad = 6;
      ctx.save();
      ctx.font = FONT;
      var reach = top;
      for (var pass = 0; pass < 2; pass++) {
        spec.data[1].forEach(function (v, i) {
          if (v == null) return;
          var tw = ctx.measureText(textOf(i)).width;
          if ((v / reach) * plotW >= tw + 2 * pad || plotW - pad - tw <= 0) return;
          reach = Math.max(reach, (v * plotW) / (plotW - pad - tw));
        });
      }
      ctx.restore();
      return reach;
    }

    return {
      width: width,
      height: 72 + Math.max(1, n) * ROW,
      series: [
        { label: spec.x.label || "", value: function (u, i) { return i == null ? "–" : names[i] || ""; } },
        {
          label: spec.series[0].label,
          fill: c.accent,
          stroke: c.accent,
          width: 0,
          paths: window.uPlot.paths.bars({ size: [0.38, 20, 14], align: 0 }),
          points: { show: false },
          value: function (u, v, si, i) { return i == null ? "–" : textOf(i); },
        },
      ],
      scales: {
        x: { time: false, ori: 1, dir: -1, auto: false, range: [-0.5, Math.max(0, n - 1) + 0.5] },
        y: { ori: 0, dir: 1, auto: false, range: [0, top] },
      },
      axes: [
        { scale: "x", show: false },
        axis(c, {
          scale: "y",
          side: 2,
          label: spec.y.label,
          space: 70,
          incrs: percent ? [0.1, 0.2, 0.25, 0.5, 1] : INT_INCRS,
          values: function (u, splits) {
            return splits.map(function (v) {
              if (v > top + 1e-9) return "";
              return percent ? Math.round(v * 100) + "%" : fmt(v);
            });
          },
        }),
      ],
      padding: [12, 18, 0, 14],
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { live: true, markers: { width: 0, fill: function (u, i) { return i ? c.accent : null; } } },
      hooks: {
        ready: [function (u) {
          var reach = reachFor(u);
          if (reach > top) u.setScale("y", { min: 0, max: reach });
        }],
        draw: [function (u) {
          var ctx = u.ctx, ratio = window.uPlot.pxRatio || 1, pad = 6 * ratio;
          var left = u.bbox.left, right = u.bbox.left + u.bbox.width;
          var slot = Math.abs(u.valToPos(1, "x", true) - u.valToPos(0, "x", true)) || ROW * ratio;
          var half = Math.min(20 * ratio, Math.max(14 * ratio, slot * 0.38)) / 2;
          ctx.save();
          ctx.font = Math.round(12 * ratio) + "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
          u.data[1].forEach(function (v, i) {
            var y = u.valToPos(i, "x", true);
            // The category's label, above its bar.
            ctx.fillStyle = c.ink;
            ctx.textAlign = "left";
            ctx.textBaseline = "bottom";
            ctx.fillText(shorten(ctx, names[i], right - left), left, y - half - 3 * ratio);
            if (v == null) return;
            var text = textOf(i);
            var end = u.valToPos(v, "y", true);
            var w = ctx.measureText(text).width;
            ctx.textBaseline = "middle";
            if (end + pad + w <= right) {
              ctx.fillStyle = c.ink;
              ctx.fillText(text, end + pad, y);
            } else {
              ctx.fillStyle = c.accentInk;
              ctx.textAlign = "right";
              ctx.fillText(text, end - pad, y);
            }
          });
          ctx.restore();
        }],
      },
    };
  }

  function draw(figure) {
    var source = document.getElementById(figure.dataset.chart);
    var plot = figure.querySelector(".chart-plot");
    if (!source || !plot) return;
    var spec = JSON.parse(source.textContent);
    var width = Math.max(240, Math.floor(plot.clientWidth || figure.clientWidth));
    var c = colours(figure);
    var opts = spec.type === "bar" ? barOptions(spec, c, width) : lineOptions(spec, c, width);
    plot.textContent = "";
    var chart = new window.uPlot(opts, spec.data, plot);
    var entry = { figure: figure, chart: chart, spec: spec, width: width };
    figure.uplot = chart; // for the browser tests and the console
    drawn.push(entry);
    figure.classList.add("chart-drawn");
    var details = figure.querySelector("details.chart-data");
    if (details) details.open = false;
    if (window.ResizeObserver) {
      entry.observer = new ResizeObserver(function () {
        var w = Math.max(240, Math.floor(plot.clientWidth));
        if (Math.abs(w - entry.width) < 2) return;
        entry.width = w;
        redraw(entry);
      });
      entry.observer.observe(plot);
    }
  }

  function redraw(entry) {
    // Heights, label room and colours depend on the width, so the chart is rebuilt.
    var c = colours(entry.figure);
    var opts = entry.spec.type === "bar" ? barOptions(entry.spec, c, entry.width) : lineOptions(entry.spec, c, entry.width);
    var plot = entry.figure.querySelector(".chart-plot");
    entry.chart.destroy();
    plot.textContent = "";
    entry.chart = entry.figure.uplot = new window.uPlot(opts, entry.spec.data, plot);
  }

  function scan(root) {
    var figures = (root || document).querySelectorAll("figure[data-chart]:not(.chart-drawn):not(.chart-pending)");
    if (!figures.length) return;
    figures.forEach(function (f) { f.classList.add("chart-pending"); });
    loadUPlot().then(function () {
      figures.forEach(function (f) {
        f.classList.remove("chart-pending");
        try { draw(f); } catch (error) { f.classList.add("chart-failed"); console.error(error); }
      });
      // Charts whose figure left the page (an htmx swap) are let go.
      drawn = drawn.filter(function (e) {
        if (document.contains(e.figure)) return true;
        if (e.observer) e.observer.disconnect();
        e.chart.destroy();
        return false;
      });
    }, function () {
      figures.forEach(function (f) { f.classList.remove("chart-pending"); f.classList.add("chart-failed"); });
    });
  }

  window.backpropCharts = { scan: scan };
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
  if (window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    if (dark.addEventListener) dark.addEventListener("change", function () { drawn.forEach(redraw); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document); });
  } else {
    scan(document);
  }
})();
