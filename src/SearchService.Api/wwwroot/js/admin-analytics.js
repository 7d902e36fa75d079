/*
 * The site owner's analytics page: asks GET /api/admin/analytics with the API key the owner typed (kept in this
 * tab's sessionStorage only), shows the figures, a searches-per-day chart drawn as SVG (with a title, axis labels and
 * a table alternative), the query lists, and the synonyms, with "add a synonym" one click from a zero-result query.
 * Every value from the service is set as text, never as HTML.
 */
(function () {
  "use strict";

  const KEY_STORAGE = "searchservice.apiKey";
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const status = $("status");
  let report = null;

  // ---- The key -------------------------------------------------------------------------------------

  function apiKey() {
    try {
      return sessionStorage.getItem(KEY_STORAGE) || "";
    } catch {
      return "";
    }
  }

  function setKey(key) {
    try {
      if (key) sessionStorage.setItem(KEY_STORAGE, key);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      /* storage disabled: the key lives until the page closes */
    }
  }

  function askForKey(message) {
    $("key-form").hidden = false;
    $("range-form").hidden = true;
    $("report-body").hidden = true;
    status.textContent = message || "";
    $("api-key").focus();
  }

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { Accept: "application/json", "X-Api-Key": apiKey(), ...(options.headers || {}) },
    });
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    if (response.status === 401 || response.status === 403) {
      setKey("");
      askForKey(payload?.detail || "The key was not accepted.");
      throw new Error("unauthorised");
    }
    if (!response.ok) throw new Error(payload?.detail || `The service answered ${response.status}.`);
    return payload;
  }

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    setKey($("api-key").value.trim());
    $("api-key").value = "";
    load();
  });

  $("forget-key").addEventListener("click", () => {
    setKey("");
    askForKey("The key is forgotten.");
  });

  // ---- The range ------------------------------------------------------------------------------------

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function readRange() {
    const params = new URLSearchParams(location.search);
    const today = new Date();
    const monthAgo = new Date(today.getTime() - 29 * 86400000);
    return { from: params.get("from") || isoDay(monthAgo), to: params.get("to") || isoDay(today) };
  }

  $("range-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams({ from: $("range-from").value, to: $("range-to").value });
    history.replaceState(null, "", `${location.pathname}?${params}`);
    load();
  });

  // ---- Loading ---------------------------------------------------------------------------------------

  async function load() {
    if (!apiKey()) {
      askForKey();
      return;
    }
    const range = readRange();
    $("range-from").value = range.from;
    $("range-to").value = range.to;
    $("key-form").hidden = true;
    $("range-form").hidden = false;
    status.textContent = "Loading…";
    try {
      const [analytics, synonyms] = await Promise.all([
        api(`/api/admin/analytics?${new URLSearchParams(range)}`),
        api("/api/admin/synonyms"),
      ]);
      report = analytics;
      render(analytics);
      renderSynonyms(synonyms);
      status.textContent = `${analytics.from} to ${analytics.to} (UTC)`;
      $("report-body").hidden = false;
      drawChart(analytics.perDay);
    } catch (error) {
      if (error.message !== "unauthorised") status.textContent = `The report could not be loaded: ${error.message}`;
    }
  }

  // ---- Rendering -------------------------------------------------------------------------------------

  const number = (n) => Number(n).toLocaleString("en");
  const percent = (rate) => `${(rate * 100).toFixed(1)} %`;

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (text instanceof Node) td.append(text);
    else td.textContent = text;
    row.append(td);
    return td;
  }

  function queryLink(query) {
    const link = document.createElement("a");
    link.href = `/?q=${encodeURIComponent(query)}`;
    link.textContent = query || "(empty: filters only)";
    return link;
  }

  function fillRows(body, items, columns, emptyText) {
    body.textContent = "";
    if (!items.length) {
      const row = body.insertRow();
      const td = cell(row, emptyText, "empty");
      td.colSpan = columns;
      return;
    }
    return items;
  }

  function render(data) {
    $("fig-searches").textContent = number(data.searches);
    $("fig-ctr").textContent = percent(data.clickThroughRate);
    $("fig-position").textContent = data.meanClickedPosition == null ? "–" : data.meanClickedPosition.toFixed(1);
    const noResults = data.perDay.reduce((sum, day) => sum + day.noResults, 0);
    $("fig-noresults").textContent = data.searches ? `${number(noResults)} (${percent(noResults / data.searches)})` : "0";
    $("fig-related").textContent = data.related.shown ? `${percent(data.related.clickThroughRate)} of ${number(data.related.shown)}` : "–";

    for (const item of fillRows($("top-rows"), data.topQueries, 4, "No searches in this range.") || []) {
      const row = $("top-rows").insertRow();
      cell(row, queryLink(item.query), "query");
      cell(row, number(item.searches), "num");
      cell(row, item.meanHits.toFixed(1), "num wide-only");
      cell(row, percent(item.clickThroughRate), "num");
    }
    for (const item of fillRows($("no-results-rows"), data.noResults, 4, "Every query found something.") || []) {
      const row = $("no-results-rows").insertRow();
      cell(row, queryLink(item.query), "query");
      cell(row, number(item.searches), "num");
      cell(row, new Date(item.lastSearched).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }), "wide-only");
      const add = document.createElement("button");
      add.type = "button";
      add.className = "link-button add-synonym";
      add.textContent = "Add a synonym";
      add.setAttribute("aria-label", `Add a synonym for “${item.query}”`);
      add.disabled = !item.query;
      add.addEventListener("click", () => startSynonym(item.query));
      cell(row, add);
    }
    for (const item of fillRows($("never-rows"), data.neverOpened, 3, "Every query that found briefs had one opened.") || []) {
      const row = $("never-rows").insertRow();
      cell(row, queryLink(item.query), "query");
      cell(row, number(item.searches), "num");
      cell(row, item.meanHits.toFixed(1), "num");
    }
    const days = $("per-day-rows");
    days.textContent = "";
    for (const day of data.perDay) {
      const row = days.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = day.day;
      row.append(th);
      cell(row, number(day.searches), "num");
      cell(row, number(day.noResults), "num");
      cell(row, number(day.clicks), "num");
    }
  }

  // ---- The chart: bars of searches per day, the part that found nothing stacked on top -------------

  function svg(name, attributes, text) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
    if (text != null) element.textContent = text;
    return element;
  }

  function niceMax(value) {
    if (value <= 4) return 4;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (step * magnitude >= value) return step * magnitude;
    }
    return 10 * magnitude;
  }

  function drawChart(days) {
    const figure = $("per-day-chart");
    figure.textContent = "";
    const width = Math.max(280, Math.floor(figure.clientWidth || 600));
    const height = width < 500 ? 200 : 240;
    const margin = { top: 16, right: 8, bottom: 44, left: 44 };
    const plotWidth = width - margin.left - margin.right;
    const plotHeight = height - margin.top - margin.bottom;
    const max = niceMax(Math.max(0, ...days.map((d) => d.searches)));
    const total = days.reduce((sum, d) => sum + d.searches, 0);
    const busiest = days.reduce((best, d) => (d.searches > best.searches ? d : best), days[0]);

    const chart = svg("svg", {
      width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title chart-desc", class: "chart-svg",
    });
    chart.append(svg("title", { id: "chart-title" }, `Searches per day, ${days[0].day} to ${days[days.length - 1].day}`));
    chart.append(svg("desc", { id: "chart-desc" },
      `${number(total)} searches in ${days.length} days; the busiest day was ${busiest.day} with ${number(busiest.searches)}. The table below lists every day.`));

    const plot = svg("g", { transform: `translate(${margin.left},${margin.top})` });
    chart.append(plot);
    const y = (value) => plotHeight - (value / max) * plotHeight;
    for (let i = 0; i <= 4; i++) {
      const value = (max / 4) * i;
      plot.append(svg("line", { x1: 0, x2: plotWidth, y1: y(value), y2: y(value), class: i === 0 ? "axis" : "grid" }));
      plot.append(svg("text", { x: -6, y: y(value), class: "tick", "text-anchor": "end", "dominant-baseline": "middle" }, number(Math.round(value * 10) / 10)));
    }
    const slot = plotWidth / days.length;
    const barWidth = Math.max(1, slot * 0.7);
    const labelEvery = Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / 56)));
    days.forEach((day, i) => {
      const x = i * slot + (slot - barWidth) / 2;
      const found = day.searches - day.noResults;
      const bar = svg("g", { class: "bar" });
      bar.append(svg("title", {}, `${day.day}: ${number(day.searches)} searches, ${number(day.noResults)} with no results, ${number(day.clicks)} clicks`));
      if (found > 0) bar.append(svg("rect", { x, width: barWidth, y: y(found), height: plotHeight - y(found), class: "bar-found" }));
      if (day.noResults > 0) bar.append(svg("rect", { x, width: barWidth, y: y(day.searches), height: y(found) - y(day.searches), class: "bar-none" }));
      plot.append(bar);
      if (i % labelEvery === 0) {
        plot.append(svg("text", { x: i * slot + slot / 2, y: plotHeight + 16, class: "tick", "text-anchor": "middle" }, day.day.slice(5)));
      }
    });
    plot.append(svg("text", { x: plotWidth / 2, y: plotHeight + 38, class: "axis-label", "text-anchor": "middle" }, "Day (UTC, month-day)"));
    chart.append(svg("text", { x: 12, y: margin.top + plotHeight / 2, class: "axis-label", "text-anchor": "middle", transform: `rotate(-90 12 ${margin.top + plotHeight / 2})` }, "Searches"));
    figure.append(chart);

    const legend = document.createElement("figcaption");
    legend.className = "chart-legend";
    for (const [className, label] of [["bar-found", "found briefs"], ["bar-none", "found nothing"]]) {
      const item = document.createElement("span");
      const swatch = document.createElement("span");
      swatch.className = `swatch ${className}`;
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, ` ${label}`);
      legend.append(item);
    }
    figure.append(legend);
  }

  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => report && drawChart(report.perDay), 150);
  });

  // ---- Synonyms --------------------------------------------------------------------------------------

  let synonyms = { groups: [], rules: [] };

  function renderSynonyms(data) {
    synonyms = { groups: data.groups || [], rules: data.rules || [] };
    const list = $("synonym-list");
    list.textContent = "";
    for (const group of synonyms.groups) {
      const item = document.createElement("li");
      item.textContent = group.join(" ⇄ ");
      list.append(item);
    }
    for (const rule of synonyms.rules) {
      const item = document.createElement("li");
      item.textContent = `${rule.from} → ${rule.to.join(", ")}`;
      list.append(item);
    }
    if (!list.children.length) {
      const item = document.createElement("li");
      item.className = "empty";
      item.textContent = "No synonyms yet.";
      list.append(item);
    }
  }

  function startSynonym(query) {
    $("synonym-from").value = query;
    $("synonym-to").value = "";
    $("synonym-status").textContent = `What should “${query}” also find?`;
    $("synonym-to").focus();
    $("synonym-form").scrollIntoView({ block: "center" });
  }

  $("synonym-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const from = $("synonym-from").value.trim();
    const to = $("synonym-to").value.trim();
    if (!from || !to) return;
    const next = $("synonym-both").checked
      ? { groups: [...synonyms.groups, [from, to]], rules: synonyms.rules }
      : { groups: synonyms.groups, rules: [...synonyms.rules, { from, to: [to] }] };
    try {
      const saved = await api("/api/admin/synonyms", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(next),
      });
      renderSynonyms(saved);
      // Not recorded in analytics (interim): the owner trying a synonym is not a reader searching.
      const check = await fetch(`/api/search?${new URLSearchParams({ q: from, mode: "keyword", size: "1", interim: "true" })}`).then((r) => r.json());
      $("synonym-status").textContent = `Saved. “${from}” now finds ${number(check.total ?? 0)} ${check.total === 1 ? "brief" : "briefs"}.`;
      $("synonym-to").value = "";
    } catch (error) {
      if (error.message !== "unauthorised") $("synonym-status").textContent = `Not saved: ${error.message}`;
    }
  });

  load();
})();
