// Chart/table toggle. Without JavaScript every chart's table is shown and
// the empty chart area is hidden (see .no-js in site.css); with it, each
// chart shows first and a pair of buttons switches to the table.
(function () {
  "use strict";
  function setup(block) {
    var tabs = block.querySelector(".chart-tabs");
    var chartView = block.querySelector(".chart-view");
    var tableView = block.querySelector(".table-view");
    if (!tabs || !chartView || !tableView) { return; }
    var buttons = tabs.querySelectorAll("button");
    function show(which) {
      chartView.hidden = which !== "chart";
      tableView.hidden = which !== "table";
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.show === which)); });
      if (which === "chart" && window.echarts) {
        var el = chartView.querySelector(".chart");
        var inst = el && window.echarts.getInstanceByDom(el);
        if (inst) { inst.resize(); }
      }
    }
    buttons.forEach(function (b) { b.addEventListener("click", function () { show(b.dataset.show); }); });
    tabs.hidden = false;
    show("chart");
  }
  function init() { document.querySelectorAll(".chart-block").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
