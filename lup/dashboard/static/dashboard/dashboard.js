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

  // A round step for an axis from 0 to `max`: 1, 2, 2.5 or 5 times a power of ten, so that
  // the axis has at most `ticks` steps (342 / 685 / 1 027 became 500 / 1 000 / 1 500).
  function niceStep(max, ticks) {
    if (max <= 0) return 1;
    var raw = max / (ticks || 5);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      var step = steps[i] * power;
      if (step >= raw && (step >= 1 || max <= 1)) return Math.max(1, step);
    }
    return 10 * power;
  }

  // An axis of counts: whole, round steps from 0, grouped thousands, room above the highest
  // value for its label.
  function countAxis(values, extra, ticks) {
    var max = Math.max.apply(null, values.concat([0]));
    var step = niceStep(max, ticks || 5);
    var top = Math.max(step, Math.ceil((max * 1.08) / step) * step);
    var axis = {
      automargin: true, gridcolor: COLORS.grid, zeroline: false, fixedrange: true,
      tickformat: ",d", tick0: 0, dtick: step, range: [0, top],
    };
    return Object.assign(axis, extra || {});
  }

  // No toolbar on touch screens (it covered the highlighted point); on a desktop only the
  // download button, shown while the pointer is over the chart.
  var TOUCH = window.matchMedia && window.matchMedia("(hover: none), (pointer: coarse)").matches;
  var CONFIG = TOUCH
    ? { displayModeBar: false, responsive: true }
    : { displayModeBar: "hover", displaylogo: false, responsive: true, modeBarButtons: [["toImage"]] };

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
          yaxis: countAxis(d.activities, { title: { text: d.activities_name, font: { size: 12, color: COLORS.muted } } }, 4),
          yaxis2: countAxis(d.participants, { overlaying: "y", side: "right", showgrid: false, title: { text: d.participants_name, font: { size: 12, color: COLORS.muted } } }, 4),
          xaxis: { automargin: true, fixedrange: true, tickangle: narrow(el) ? -60 : 0 },
        }),
      };
    },
    coverage: function (d, el) {
      // The national share is a bar of its own at the top, in another colour: a line across
      // the bars ran through their value labels.
      var labels = d.labels.slice(), percent = d.percent.slice();
      var custom = d.labels.map(function (_, i) { return [d.involved[i], d.total[i], d.urls[i]]; });
      var colors = d.labels.map(function () { return COLORS.purple; });
      if (d.national !== null) {
        labels.unshift(d.national_label);
        percent.unshift(d.national);
        custom.unshift([d.national_involved, d.national_total, null]);
        colors.unshift(COLORS.coral);
      }
      el.style.height = Math.max(400, 30 * labels.length + 70) + "px";
      var top = Math.max.apply(null, percent.concat([10]));
      return {
        traces: [{
          type: "bar", orientation: "h", x: percent, y: labels, customdata: custom,
          marker: { color: colors }, name: d.name,
          text: percent.map(function (p) { return p.toLocaleString(document.documentElement.lang, { maximumFractionDigits: 0 }) + " %"; }),
          textposition: "outside", cliponaxis: false,
          hovertemplate: "%{y}: <b>%{customdata[0]}</b> " + d.of + " %{customdata[1]} " + d.unit + " (%{x:.1f} %)<extra></extra>",
        }],
        layout: baseLayout({
          showlegend: false, margin: { l: 10, r: 52, t: 12, b: 36 },
          xaxis: { automargin: true, gridcolor: COLORS.grid, zeroline: false, fixedrange: true, range: [0, Math.min(100, top * 1.2)], tick0: 0, dtick: niceStep(Math.min(100, top * 1.2), 5), ticksuffix: " %" },
          yaxis: { automargin: true, autorange: "reversed", fixedrange: true, ticklabelstandoff: 6 },
        }),
      };
    },
    trends: function (d, el) {
      var index = Number(el.dataset.panel);
      var panel = d.panels[index];
      var color = PANEL_COLORS[index % PANEL_COLORS.length];
      var n = d.years.length;
      // A year in progress is not comparable with whole years: its point is open and the
      // line to it dashed, so a year so far does not read as a collapse.
      var whole = d.partial ? n - 1 : n;
      var sizes = d.years.map(function (y) { return y === d.current ? 10 : 5; });
      // Year labels need about 34 px each: on a narrow panel label every second (third …)
      // year, counted back from the year shown, so the labels never run into each other.
      var stride = Math.max(1, Math.ceil((n * 34) / Math.max(el.clientWidth - 40, 60)));
      var ticks = d.years.filter(function (y) { return (d.current - y) % stride === 0; });
      var traces = [{
        type: "scatter", mode: whole > 1 ? "lines+markers" : "markers",
        x: d.years.slice(0, whole), y: panel.values.slice(0, whole), name: panel.name,
        line: { color: color, width: 2.5 }, marker: { color: color, size: sizes.slice(0, whole), line: { color: "#fff", width: 1.5 } },
        fill: whole > 1 ? "tozeroy" : "none", fillcolor: color + "1a",
        hovertemplate: "%{x}: <b>%{y:,}</b><extra></extra>", cliponaxis: false,
      }];
      if (d.partial) {
        traces.push({
          type: "scatter", mode: n > 1 ? "lines+markers" : "markers",
          x: d.years.slice(Math.max(0, n - 2)), y: panel.values.slice(Math.max(0, n - 2)),
          name: panel.name + " (" + d.partial_label + ")",
          line: { color: color, width: 2, dash: "dash" },
          marker: { color: "#fff", size: n > 1 ? [0, 10] : [10], symbol: "circle", line: { color: color, width: 2 } },
          hovertemplate: "%{x} (" + d.partial_label + "): <b>%{y:,}</b><extra></extra>", cliponaxis: false,
        });
      }
      return {
        traces: traces,
        layout: baseLayout({
          showlegend: false, margin: { l: 6, r: 12, t: 8, b: 24 },
          xaxis: {
            tickmode: "array", tickvals: ticks, ticktext: ticks.map(String),
            fixedrange: true, showgrid: false, automargin: true, tickfont: { size: 11 },
            // Half a year of room either side, so the first and last points are not cut.
            range: [d.years[0] - 0.5, d.years[n - 1] + 0.5],
          },
          yaxis: countAxis(panel.values, { tickfont: { size: 11 } }, 3),
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
