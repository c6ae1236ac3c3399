/* LUP dashboard: draws the charts with plotly.js (served locally) from the JSON the page
   embeds with json_script, and wires the year selector and the print button. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Year selector: go straight to the same page for the chosen year.
  document.querySelectorAll("select[data-year-select]").forEach(function (select) {
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      if (option && option.dataset.url) window.location.assign(option.dataset.url);
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  var source = document.getElementById("dashboard-data");
  if (!source || !window.Plotly) return;
  var data = JSON.parse(source.textContent);

  var COLORS = {
    blue: "#1f5fa8", teal: "#138a84", amber: "#d99a0b", coral: "#d0523f",
    purple: "#6c4fa3", green: "#4f8f2f", ink: "#14213d", muted: "#5d6880", grid: "#e8ecf3",
  };
  var PANEL_COLORS = [COLORS.blue, COLORS.teal, COLORS.purple, COLORS.amber, COLORS.coral, COLORS.green];
  var font = window.getComputedStyle(document.body).fontFamily;

  function narrow(el) { return el.clientWidth < 520; }

  function baseLayout(extra) {
    var layout = {
      separators: data.separators,
      font: { family: font, size: 13, color: COLORS.ink },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      margin: { l: 10, r: 16, t: 12, b: 36 },
      hoverlabel: { bgcolor: "#fff", bordercolor: "#c9d2e0", font: { family: font, color: COLORS.ink } },
      legend: { orientation: "h", x: 0, y: 1.12, font: { size: 12 } },
      bargap: 0.28,
      xaxis: { automargin: true, gridcolor: COLORS.grid, zeroline: false, fixedrange: true },
      yaxis: { automargin: true, gridcolor: COLORS.grid, zeroline: false, fixedrange: true, rangemode: "tozero" },
    };
    return Object.assign(layout, extra || {});
  }

  // An axis of counts: grouped thousands, and whole-number steps when the values are small.
  function countAxis(values, extra) {
    var max = Math.max.apply(null, values.concat([0]));
    var axis = {
      automargin: true, gridcolor: COLORS.grid, zeroline: false, fixedrange: true,
      rangemode: "tozero", tickformat: ",d",
    };
    if (max <= 5) { axis.dtick = 1; axis.range = [0, Math.max(1, max) * 1.15]; }
    return Object.assign(axis, extra || {});
  }

  var CONFIG = {
    displaylogo: false,
    responsive: true,
    modeBarButtonsToRemove: [
      "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
      "resetScale2d", "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines",
    ],
  };

  var builders = {
    sector: function (d, el) {
      var n = d.values.length;
      el.style.height = Math.max(330, 34 * n + 60) + "px";
      return {
        traces: [{
          type: "bar", orientation: "h", x: d.values, y: d.labels, name: d.name,
          marker: { color: COLORS.blue }, texttemplate: "%{x:,}", textposition: "outside", cliponaxis: false,
          customdata: d.urls, hovertemplate: "%{y}: <b>%{x:,}</b><extra></extra>",
        }],
        layout: baseLayout({
          showlegend: false,
          xaxis: countAxis(d.values),
          yaxis: { automargin: true, autorange: "reversed", fixedrange: true, ticks: "", ticklabelstandoff: 6 },
        }),
      };
    },
    bodies: function (d) {
      return {
        traces: [
          {
            type: "bar", name: d.started_name, x: d.labels, y: d.started, customdata: d.started_urls,
            marker: { color: COLORS.teal }, texttemplate: "%{y:,}", textposition: "outside", cliponaxis: false,
            hovertemplate: "%{x} – " + d.started_name + ": <b>%{y:,}</b><extra></extra>",
          },
          {
            type: "bar", name: d.active_name, x: d.labels, y: d.active, customdata: d.active_urls,
            marker: { color: COLORS.blue }, texttemplate: "%{y:,}", textposition: "outside", cliponaxis: false,
            hovertemplate: "%{x} – " + d.active_name + ": <b>%{y:,}</b><extra></extra>",
          },
        ],
        layout: baseLayout({
          barmode: "group", margin: { l: 10, r: 10, t: 36, b: 36 },
          yaxis: countAxis(d.started.concat(d.active)),
          xaxis: { automargin: true, fixedrange: true },
        }),
      };
    },
    outreach: function (d, el) {
      return {
        traces: [
          {
            type: "bar", name: d.activities_name, x: d.labels, y: d.activities, customdata: d.urls,
            marker: { color: COLORS.teal }, hovertemplate: "%{x}: <b>%{y:,}</b> " + d.activities_name.toLowerCase() + "<extra></extra>",
          },
          {
            type: "scatter", mode: "lines+markers", name: d.participants_name, x: d.labels, y: d.participants,
            yaxis: "y2", customdata: d.urls, line: { color: COLORS.amber, width: 3 },
            marker: { size: 7, color: COLORS.amber },
            hovertemplate: "%{x}: <b>%{y:,}</b> " + d.participants_name.toLowerCase() + "<extra></extra>",
          },
        ],
        layout: baseLayout({
          margin: { l: 10, r: 10, t: 36, b: 36 },
          yaxis: countAxis(d.activities, { title: { text: d.activities_name, font: { size: 12, color: COLORS.muted } } }),
          yaxis2: countAxis(d.participants, { overlaying: "y", side: "right", showgrid: false, title: { text: d.participants_name, font: { size: 12, color: COLORS.muted } } }),
          xaxis: { automargin: true, fixedrange: true, tickangle: narrow(el) ? -60 : 0 },
        }),
      };
    },
    coverage: function (d, el) {
      var n = d.labels.length;
      el.style.height = Math.max(400, 30 * n + 70) + "px";
      var top = Math.max.apply(null, d.percent.concat([d.national || 0, 10]));
      var custom = d.labels.map(function (_, i) { return [d.involved[i], d.total[i], d.urls[i]]; });
      var shapes = [], annotations = [];
      if (d.national !== null) {
        shapes.push({ type: "line", xref: "x", yref: "paper", x0: d.national, x1: d.national, y0: 0, y1: 1, line: { color: COLORS.coral, width: 2, dash: "dot" }, layer: "below" });
        annotations.push({ xref: "x", yref: "paper", x: d.national, y: 1, yanchor: "bottom", showarrow: false, text: d.national_label, font: { size: 12, color: COLORS.coral } });
      }
      return {
        traces: [{
          type: "bar", orientation: "h", x: d.percent, y: d.labels, customdata: custom,
          marker: { color: COLORS.purple }, name: d.name,
          text: d.percent.map(function (p) { return p.toLocaleString(document.documentElement.lang, { maximumFractionDigits: 0 }) + " %"; }),
          textposition: "outside", cliponaxis: false,
          hovertemplate: "%{y}: <b>%{customdata[0]}</b> " + d.of + " %{customdata[1]} " + d.unit + " (%{x:.1f} %)<extra></extra>",
        }],
        layout: baseLayout({
          showlegend: false, shapes: shapes, annotations: annotations, margin: { l: 10, r: 52, t: 24, b: 36 },
          xaxis: { automargin: true, gridcolor: COLORS.grid, zeroline: false, fixedrange: true, range: [0, Math.min(100, top * 1.2)], ticksuffix: " %" },
          yaxis: { automargin: true, autorange: "reversed", fixedrange: true, ticklabelstandoff: 6 },
        }),
      };
    },
    trends: function (d, el) {
      var index = Number(el.dataset.panel);
      var panel = d.panels[index];
      var color = PANEL_COLORS[index % PANEL_COLORS.length];
      var sizes = d.years.map(function (y) { return y === d.current ? 10 : 5; });
      return {
        traces: [{
          type: "scatter", mode: d.years.length > 1 ? "lines+markers" : "markers",
          x: d.years, y: panel.values, name: panel.name,
          line: { color: color, width: 2.5 }, marker: { color: color, size: sizes, line: { color: "#fff", width: 1.5 } },
          fill: d.years.length > 1 ? "tozeroy" : "none", fillcolor: color + "1a",
          hovertemplate: "%{x}: <b>%{y:,}</b><extra></extra>", cliponaxis: false,
        }],
        layout: baseLayout({
          showlegend: false, margin: { l: 6, r: 12, t: 8, b: 24 },
          xaxis: {
            tickmode: "array", tickvals: d.years, ticktext: d.years.map(String), fixedrange: true,
            showgrid: false, automargin: true, tickfont: { size: 11 },
            // Half a year of room either side, so the first and last points are not cut.
            range: [d.years[0] - 0.5, d.years[d.years.length - 1] + 0.5],
          },
          yaxis: countAxis(panel.values, { nticks: 4, tickfont: { size: 11 } }),
        }),
      };
    },
  };

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var name = el.dataset.chart;
    if (!builders[name] || !data[name]) return;
    var spec = builders[name](data[name], el);
    Plotly.newPlot(el, spec.traces, spec.layout, CONFIG).then(function () {
      el.dataset.drawn = "true";
      // A bar or point opens the records behind it.
      el.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        if (!point) return;
        var target = Array.isArray(point.customdata) ? point.customdata[2] : point.customdata;
        if (typeof target === "string") window.location.assign(target);
      });
    });
  });
})();
