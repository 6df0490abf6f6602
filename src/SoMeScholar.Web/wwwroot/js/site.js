// Progressive enhancement for server-rendered pages. No inline scripts anywhere (the CSP forbids them):
// a chart is a <canvas data-chart="{Chart.js config as JSON}">, drawn here when Chart.js is loaded.
(function () {
  "use strict";
  var palette = ["#0f6e8c", "#d1603d", "#5b8c3a", "#8a5bb0", "#c49a1a", "#3d6fd1", "#b0445b", "#2f8f7f"];

  function drawCharts() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var config;
      try {
        config = JSON.parse(canvas.getAttribute("data-chart"));
      } catch (e) {
        return;
      }
      (config.data && config.data.datasets || []).forEach(function (dataset, i) {
        var colour = dataset.borderColor || palette[i % palette.length];
        dataset.borderColor = colour;
        if (!dataset.backgroundColor) {
          dataset.backgroundColor = config.type === "line" ? colour + "22" : colour;
        }
      });
      new window.Chart(canvas, config);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawCharts);
  } else {
    drawCharts();
  }
})();
