// render.js runs a chart snippet's <script> under Node with the vendored
// ECharts in server-side-rendering mode, for chart_node_test.go.
//
// stdin:  {"vendor": dir, "script": js, "elementId": id, "height": px,
//          "axisSamples": [..], "numbers": [..]}
// stdout: {"initTheme", "initOpts", "getElementCalls", "svg", "tooltip",
//          "seriesTooltip", "axisLabel", "intl"}
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

// Report errors briefly: a stack trace into the minified bundle prints
// megabytes of source.
process.on("uncaughtException", (e) => {
  process.stderr.write(String(e && e.stack ? e.stack.split("\n").slice(0, 6).join("\n") : e).slice(0, 2000) + "\n");
  process.exit(1);
});

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = { getElementCalls: [], listeners: [] };

// ECharts' UMD build and the locale file attach to globalThis.echarts when
// neither AMD nor CommonJS globals are present, as in a browser.
vm.runInThisContext(fs.readFileSync(path.join(input.vendor, "echarts.min.js"), "utf8"));
vm.runInThisContext(fs.readFileSync(path.join(input.vendor, "langVI.js"), "utf8"));

// No canvas in Node: estimate text widths (the stub document below would
// otherwise be asked for one).
echarts.setPlatformAPI({
  measureText(text, font) {
    const size = parseInt(/(\d+)px/.exec(font || "") ? /(\d+)px/.exec(font)[1] : "12", 10);
    return { width: String(text).length * size * 0.6 };
  },
});

const realInit = echarts.init;
let chart = null;
let option = null;
echarts.getInstanceByDom = () => undefined;
echarts.init = function (el, theme, opts) {
  out.initTheme = theme;
  out.initOpts = opts;
  chart = realInit(null, theme, Object.assign({}, opts, { ssr: true, width: 360, height: input.height }));
  const setOption = chart.setOption.bind(chart);
  chart.setOption = (o) => { option = o; return setOption(o); };
  return chart;
};

const el = { id: input.elementId };
globalThis.document = {
  readyState: "loading",
  getElementById(id) { out.getElementCalls.push(id); return id === input.elementId ? el : null; },
  addEventListener(type, fn) { out.listeners.push("document:" + type); this._ready = fn; },
};
globalThis.window = {
  addEventListener(type) { out.listeners.push("window:" + type); },
};

vm.runInThisContext(input.script);
out.drawnBeforeReady = chart !== null;
document.readyState = "interactive";
document._ready();

out.svg = chart ? chart.renderToSVGString() : "";

const call = (f, ...args) => (typeof f === "function" ? f(...args) : null);
const samples = [0, 450, 3007923, 12.5, "-"];
const tt = option && (Array.isArray(option.tooltip) ? option.tooltip[0] : option.tooltip);
out.tooltip = samples.map((v) => call(tt && tt.valueFormatter, v, 0));
out.seriesTooltip = ((option && option.series) || []).map((s) =>
  s.tooltip ? [0, 1, 2].map((i) => call(s.tooltip.valueFormatter, 450, i)) : null);
const valueAxis = option && [].concat(option.yAxis, option.xAxis).find((a) => a && a.type === "value");
out.axisLabel = (input.axisSamples || []).map((v) => call(valueAxis && valueAxis.axisLabel.formatter, v, 0));
out.intl = (input.numbers || []).map((n) => new Intl.NumberFormat("vi-VN").format(n));

// ECharts may leave timers behind; exit once the result is flushed.
process.stdout.write(JSON.stringify(out), () => process.exit(0));
