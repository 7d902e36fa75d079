/*
 * Bar charts drawn as SVG by hand (no library, nothing from a CDN): years along the bottom, one bar per
 * series side by side in each year. Every chart is an <svg role="img"> named by its <title> and described
 * by its <desc>, with axis labels, and a visually hidden <table> of the same numbers for screen readers.
 * Charts are drawn at the width of their container; the page draws them again when that changes.
 */
(() => {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  let chartCount = 0;

  function svgElement(name, attributes = {}, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A round step (1, 2 or 5 × 10ⁿ) that splits 0..max into about `count` intervals. */
  function niceStep(max, count) {
    const raw = Math.max(max, 1) / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
    return Math.max(1, step);
  }

  /**
   * A figure with a grouped bar chart.
   * options: title, yLabel (e.g. "Passages"), unit (singular/plural pair for tooltips), categories (years),
   * series [{ name, color, values (one per category) }], width, height, max (shared scale for small multiples).
   */
  function groupedBars(options) {
    const id = `chart-${++chartCount}`;
    const { title, yLabel, categories, series } = options;
    const width = Math.max(220, Math.floor(options.width || 480));
    const height = options.height || 240;
    const compact = width < 360;
    const margin = { top: 18, right: 8, bottom: 42, left: compact ? 40 : 48 };
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const dataMax = Math.max(0, ...series.flatMap((s) => s.values));
    const step = niceStep(options.max ?? dataMax, height < 180 ? 2 : 4);
    const axisMax = Math.max(step, Math.ceil((options.max ?? dataMax) / step) * step);
    const y = (value) => margin.top + plotHeight - (value / axisMax) * plotHeight;

    const figure = document.createElement("figure");
    figure.className = "chart-figure";
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    figure.appendChild(caption);

    const totals = series.map((s) => s.values.reduce((a, b) => a + b, 0));
    const summary = series.length
      ? `${yLabel} per year, ${categories[0]}–${categories[categories.length - 1]}: ` +
        series.map((s, i) => `${s.name} ${totals[i]} in all`).join("; ") + ". The table that follows gives every value."
      : "No data.";
    const svg = svgElement("svg", {
      class: "theme-chart",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-labelledby": `${id}-title ${id}-desc`,
      "data-years": categories.length,
      "data-series": series.length,
    });
    svg.append(svgElement("title", { id: `${id}-title` }, title), svgElement("desc", { id: `${id}-desc` }, summary));

    // Grid and y axis.
    const axis = svgElement("g", { class: "y-axis", "aria-hidden": "true" });
    for (let value = 0; value <= axisMax; value += step) {
      axis.append(
        svgElement("line", { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: value === 0 ? "baseline" : "gridline" }),
        svgElement("text", { x: margin.left - 6, y: y(value), dy: "0.32em", "text-anchor": "end", class: "tick" }, String(value))
      );
    }
    axis.append(
      svgElement("text", { class: "axis-label", transform: `translate(12 ${margin.top + plotHeight / 2}) rotate(-90)`, "text-anchor": "middle" }, yLabel)
    );
    svg.appendChild(axis);

    // Bars: each year is a band, split between the series.
    const band = plotWidth / Math.max(1, categories.length);
    const groupWidth = Math.min(band * 0.8, 36 * series.length + 8);
    const barWidth = groupWidth / Math.max(1, series.length);
    const xAxis = svgElement("g", { class: "x-axis", "aria-hidden": "true" });
    const labelEvery = Math.ceil(categories.length / Math.max(1, Math.floor(plotWidth / 40)));
    categories.forEach((category, c) => {
      const center = margin.left + band * (c + 0.5);
      if (c % labelEvery === 0 || c === categories.length - 1) {
        xAxis.appendChild(svgElement("text", { x: center, y: margin.top + plotHeight + 16, "text-anchor": "middle", class: "tick x-tick" }, String(category)));
      }
    });
    xAxis.appendChild(svgElement("text", { x: margin.left + plotWidth / 2, y: height - 6, "text-anchor": "middle", class: "axis-label" }, "Year"));
    svg.appendChild(xAxis);

    series.forEach((s, i) => {
      const group = svgElement("g", { class: "series", "data-series": s.name, fill: s.color });
      categories.forEach((category, c) => {
        const value = s.values[c] || 0;
        const x = margin.left + band * (c + 0.5) - groupWidth / 2 + barWidth * i;
        const top = y(value);
        const bar = svgElement("rect", {
          class: "bar",
          x: x + 1,
          y: top,
          width: Math.max(1, barWidth - 2),
          height: Math.max(0, y(0) - top),
          "data-year": category,
          "data-value": value,
        });
        bar.appendChild(svgElement("title", {}, `${category} · ${s.name}: ${value}`));
        group.appendChild(bar);
        if (value > 0 && barWidth >= 16) {
          group.appendChild(svgElement("text", { x: x + barWidth / 2, y: top - 4, "text-anchor": "middle", class: "bar-value", "aria-hidden": "true" }, String(value)));
        }
      });
      svg.appendChild(group);
    });
    figure.appendChild(svg);

    if (series.length > 1 && options.legend !== false) figure.appendChild(legend(series));
    figure.appendChild(table(title, yLabel, categories, series));
    return figure;
  }

  function legend(series) {
    const list = document.createElement("ul");
    list.className = "chart-legend";
    list.setAttribute("aria-hidden", "true"); // the table names the series for screen readers
    for (const s of series) {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.setProperty("--swatch", s.color);
      item.append(swatch, document.createTextNode(s.name));
      list.appendChild(item);
    }
    return list;
  }

  function table(title, yLabel, categories, series) {
    const element = document.createElement("table");
    element.className = "ssw-visually-hidden chart-data";
    const caption = document.createElement("caption");
    caption.textContent = `${title} (${yLabel.toLowerCase()})`;
    const head = document.createElement("thead");
    const headRow = document.createElement("tr");
    for (const label of ["Year", ...series.map((s) => s.name)]) {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = label;
      headRow.appendChild(cell);
    }
    head.appendChild(headRow);
    const body = document.createElement("tbody");
    categories.forEach((category, c) => {
      const row = document.createElement("tr");
      const yearCell = document.createElement("th");
      yearCell.scope = "row";
      yearCell.textContent = String(category);
      row.appendChild(yearCell);
      for (const s of series) {
        const cell = document.createElement("td");
        cell.textContent = String(s.values[c] || 0);
        row.appendChild(cell);
      }
      body.appendChild(row);
    });
    element.append(caption, head, body);
    return element;
  }

  window.ThemeChart = { groupedBars };
})();
