/*
 * The themes page: one theme, or up to four compared, across the briefs. Its whole state lives in the URL
 * (/themes?q=AI sovereignty&q=compute&publisher=…&from=…&size=…), so a view can be linked, reloaded and
 * walked with Back and Forward. One request to /api/themes answers the charts, the list, the topics and the
 * CSV link alike, so filters always change them together. The publisher and type choices are every value
 * the collection has (from /api/search's facets), so a filter can be widened again.
 *
 * Only the API's passage texts are parsed as HTML, and only their text and <mark> elements are kept;
 * everything else is set as text.
 */
(() => {
  "use strict";

  const MAX_THEMES = 4;
  const DEFAULT_SIZE = 50;
  const MAX_SIZE = 500;
  const PUBLISHERS_CHARTED = 6;
  const FIGURE_INSET = 26; // a chart figure's padding and border, left and right
  // Okabe–Ito colours: told apart with the common colour-vision deficiencies.
  const SERIES_COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];
  const LIST_FIELDS = ["publisher", "type"];

  const $ = (id) => document.getElementById(id);
  const results = $("theme-results");
  const status = $("status");
  const input = $("q");
  const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

  // ---- State <-> URL ------------------------------------------------------------------------------

  function readState(search) {
    const params = new URLSearchParams(search);
    const size = parseInt(params.get("size") || "", 10);
    return {
      q: params.getAll("q").map((q) => q.trim()).filter(Boolean).slice(0, MAX_THEMES),
      publisher: params.getAll("publisher"),
      type: params.getAll("type"),
      from: params.get("from") || "",
      to: params.get("to") || "",
      size: size > 0 ? Math.min(size, MAX_SIZE) : DEFAULT_SIZE,
    };
  }

  /** The theme and filters as a query string (no size): shared by the page, the API, the CSV and the feed. */
  function themeParams(state) {
    const params = new URLSearchParams();
    for (const q of state.q) params.append("q", q);
    for (const field of LIST_FIELDS) for (const value of state[field]) params.append(field, value);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    return params;
  }

  function pageUrl(state) {
    const params = themeParams(state);
    if (state.size !== DEFAULT_SIZE) params.set("size", String(state.size));
    const query = params.toString();
    return "/themes" + (query ? "?" + query : "");
  }

  function apiUrl(state, format) {
    const params = themeParams(state);
    params.set("size", String(state.size));
    if (format) params.set("format", format);
    return "/api/themes?" + params.toString();
  }

  const feedUrl = (state) => "/api/themes/feed?" + themeParams(state).toString();

  let state = readState(location.search);

  function navigate(next, { push = true } = {}) {
    state = next;
    const url = pageUrl(state);
    if (url !== location.pathname + location.search) {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    load();
  }

  // ---- Loading ------------------------------------------------------------------------------------

  let request = null;
  let sequence = 0;
  let lastAnswer = null;

  async function load() {
    syncControls();
    const mine = ++sequence;
    request?.abort();
    updateLinks();
    if (!state.q.length) {
      lastAnswer = null;
      status.textContent = "Type a theme, such as “AI sovereignty”, to see it across the briefs over time.";
      for (const id of ["charts", "meetings-section", "topics-section", "briefs-section", "theme-actions"]) $(id).hidden = true;
      renderChips();
      results.removeAttribute("aria-busy");
      return;
    }
    results.setAttribute("aria-busy", "true");
    request = new AbortController();
    try {
      const response = await fetch(apiUrl(state), { signal: request.signal, headers: { Accept: "application/json" } });
      const payload = await response.json().catch(() => null);
      if (mine !== sequence) return;
      if (!response.ok) {
        lastAnswer = null;
        status.textContent = `The theme could not be shown: ${payload?.detail || payload?.title || `the service answered ${response.status}`}.`;
        for (const id of ["charts", "meetings-section", "topics-section", "briefs-section"]) $(id).hidden = true;
      } else {
        lastAnswer = payload;
        render(payload);
      }
    } catch (error) {
      if (error.name === "AbortError" || mine !== sequence) return;
      status.textContent = "The search service did not answer. Check the connection and try again.";
    }
    results.removeAttribute("aria-busy");
  }

  function updateLinks() {
    const title = state.q.length ? `Themes: ${state.q.join(" vs ")}` : "Themes across briefs";
    document.title = `${title} – Briefs`;
    $("feed-alternate").href = feedUrl(state);
    $("feed-alternate").title = `Newest briefs on ${state.q.map((q) => `“${q}”`).join(" or ")}`;
    $("feed-link").href = feedUrl(state);
    $("csv-link").href = apiUrl(state, "csv");
    // The search page for the first theme: from themes to the briefs that mention it anywhere.
    $("search-link").href = state.q.length ? "/?q=" + encodeURIComponent(state.q[0]) : "/";
    $("theme-actions").hidden = !state.q.length;
  }

  // ---- Rendering ----------------------------------------------------------------------------------

  const colorOf = (index) => SERIES_COLORS[index % SERIES_COLORS.length];

  function render(answer) {
    const passages = answer.passages ?? 0;
    const briefs = answer.briefs?.length ?? 0;
    const themes = answer.queries.map((q) => `“${q}”`).join(" and ");
    status.textContent = passages
      ? `${passages} ${passages === 1 ? "finding or recommendation" : "findings and recommendations"} in ${briefs} ${briefs === 1 ? "brief" : "briefs"} match ${themes} · ${Math.round(answer.tookMs)} ms`
      : `No finding or recommendation matches ${themes}${activeFilterCount() ? " with these filters" : ""}.`;
    renderChips();
    renderCharts(answer);
    renderMeetings(answer);
    renderTopics(answer);
    renderBriefs($("briefs"), answer.briefs || [], answer.queries);
    $("briefs-section").hidden = !briefs;
    const full = (answer.themes || []).some((t) => t.passages >= state.size);
    const more = $("show-more");
    more.hidden = !full || state.size >= MAX_SIZE;
    more.href = pageUrl({ ...state, size: Math.min(MAX_SIZE, state.size + DEFAULT_SIZE) });
  }

  function renderChips() {
    const list = $("theme-chips");
    list.textContent = "";
    state.q.forEach((q, index) => {
      const item = document.createElement("li");
      item.className = "theme-chip";
      item.style.setProperty("--series", colorOf(index));
      const name = document.createElement("span");
      name.textContent = q;
      item.appendChild(name);
      if (state.q.length > 1) {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip-remove";
        remove.setAttribute("aria-label", `Remove “${q}”`);
        remove.textContent = "×";
        remove.addEventListener("click", () => navigate({ ...state, q: state.q.filter((_, i) => i !== index) }));
        item.appendChild(remove);
      }
      list.appendChild(item);
    });
    $("compare-form").hidden = !state.q.length || state.q.length >= MAX_THEMES;
    $("compare").hidden = !state.q.length;
  }

  /** Every year from the first to the last with a match, so gaps show as gaps. */
  function yearRange(answer) {
    const years = (answer.themes || []).flatMap((t) => t.years.map((y) => y.year));
    if (!years.length) return [];
    const range = [];
    for (let year = Math.min(...years); year <= Math.max(...years); year++) range.push(year);
    return range;
  }

  const valuesFor = (years, counts, field) => years.map((year) => counts.find((c) => c.year === year)?.[field] ?? 0);

  function renderCharts(answer) {
    const years = yearRange(answer);
    $("charts").hidden = !years.length;
    if (!years.length) return;
    const themes = answer.themes || [];
    const comparing = themes.length > 1;
    const undated = (answer.briefs || []).filter((b) => !b.date).length;
    $("chart-note").textContent =
      `Counts of the ${comparing ? "findings and recommendations listed for each theme" : "findings and recommendations listed below"}` +
      (undated ? `; ${undated} undated ${undated === 1 ? "brief is" : "briefs are"} not charted.` : ".");

    // Each chart is drawn at the width its grid cell leaves inside the figure's padding and border.
    const draw = (container, options) => {
      container.textContent = "";
      container.appendChild(window.ThemeChart.groupedBars({ ...options, width: container.clientWidth - FIGURE_INSET }));
    };
    const seriesOf = (field) => themes.map((t, i) => ({ name: t.query, color: colorOf(i), values: valuesFor(years, t.years, field) }));
    draw($("chart-passages"), { title: "Matching findings and recommendations per year", yLabel: "Passages", categories: years, series: seriesOf("passages") });
    draw($("chart-briefs"), { title: "Briefs with a match per year", yLabel: "Briefs", categories: years, series: seriesOf("briefs") });

    // Small multiples: one chart per publisher on a shared scale, the publishers with most matches first.
    const perPublisher = (answer.publishers || []).slice(0, PUBLISHERS_CHARTED).map((p) => ({
      label: p.publisher || "Publisher not given",
      series: themes.map((t, i) => {
        const own = t.publishers.find((x) => x.publisher === p.publisher);
        return { name: t.query, color: colorOf(i), values: valuesFor(years, own ? own.years : [], "passages") };
      }),
    }));
    const shared = Math.max(1, ...perPublisher.flatMap((p) => p.series.flatMap((s) => s.values)));
    const grid = $("chart-publishers");
    grid.textContent = "";
    const cells = perPublisher.map(() => grid.appendChild(element("div", "chart small-multiple")));
    perPublisher.forEach((publisher, i) =>
      draw(cells[i], { title: publisher.label, yLabel: "Passages", categories: years, series: publisher.series, height: 170, max: shared, legend: false })
    );
  }

  function renderMeetings(answer) {
    const comparing = answer.queries.length > 1;
    $("meetings-section").hidden = !comparing;
    if (!comparing) return;
    const meetings = answer.meetings || [];
    const themes = answer.queries.map((q) => `“${q}”`).join(" and ");
    const passages = meetings.reduce((n, b) => n + b.passages.length, 0);
    $("meetings-status").textContent = meetings.length
      ? `${passages} ${passages === 1 ? "finding or recommendation matches" : "findings and recommendations match"} ${themes}, in ${meetings.length} ${meetings.length === 1 ? "brief" : "briefs"}.`
      : `No finding or recommendation matches ${themes} at once.`;
    renderBriefs($("meetings"), meetings, answer.queries);
  }

  function renderTopics(answer) {
    const topics = answer.topics || [];
    const fill = (list, items) => {
      list.textContent = "";
      list.parentElement.hidden = !items.length;
      for (const item of items) {
        const entry = document.createElement("li");
        const link = document.createElement("a");
        link.href = pageUrl({ ...state, q: [item.text], size: DEFAULT_SIZE });
        link.textContent = item.text;
        link.title = `Explore “${item.text}” (${item.count} ${item.count === 1 ? "time" : "times"} alongside)`;
        const count = document.createElement("span");
        count.className = "topic-count";
        count.textContent = ` ${item.count}`;
        link.appendChild(count);
        entry.appendChild(link);
        list.appendChild(entry);
      }
    };
    const tags = topics.filter((t) => t.kind === "tag").map((t) => ({ text: t.topic, count: t.count }));
    const terms = topics.filter((t) => t.kind === "term").map((t) => ({ text: t.topic, count: t.count }));
    const phrases = (answer.keyPhrases || []).map((p) => ({ text: p.phrase, count: p.count }));
    fill($("topic-tags"), tags);
    fill($("topic-phrases"), phrases);
    fill($("topic-terms"), terms);
    $("topics-section").hidden = !(tags.length || phrases.length || terms.length);
  }

  function element(tag, className, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.append(...children);
    return node;
  }

  function renderBriefs(list, briefs, queries) {
    list.textContent = "";
    const comparing = queries.length > 1;
    for (const brief of briefs) {
      const link = element("a", "", brief.title || brief.id);
      link.href = `/brief.html?id=${encodeURIComponent(brief.id)}`;
      const meta = [formatDate(brief.date), brief.publisher, brief.type].filter(Boolean).join(" · ");
      const item = element("li", "hit theme-brief", element("h3", "hit-title", link), element("p", "hit-meta", meta));
      item.dataset.key = brief.id;
      if (comparing) item.appendChild(themeDots(brief.themes || [], queries, "Matches"));
      const quotes = element("ul", "theme-passages");
      for (const passage of brief.passages) quotes.appendChild(renderPassage(passage, queries, comparing));
      item.appendChild(quotes);
      list.appendChild(item);
    }
  }

  function renderPassage(passage, queries, comparing) {
    const label = passage.kind === "recommendation" ? "Recommendation" : "Finding";
    const head = element("p", "passage-head", element("span", `passage-kind passage-${passage.kind}`, label));
    if (passage.section) head.appendChild(element("span", "passage-section", passage.section));
    if (passage.matchedMeaning && !passage.matchedKeywords) {
      const badge = element("span", "passage-by-meaning", "matched by meaning");
      badge.title = "This passage does not have the theme's words together; it matched because it means something close.";
      head.appendChild(badge);
    }
    if (comparing) head.appendChild(themeDots(passage.themes || [], queries, "Matches", passage.themesByMeaningOnly || []));
    const quote = element("blockquote", "passage-text");
    appendMarked(quote, passage.text);
    const item = element("li", "theme-passage", head, quote);
    item.dataset.matchedBy = passage.matchedKeywords && passage.matchedMeaning ? "both" : passage.matchedKeywords ? "keywords" : "meaning";
    return item;
  }

  /**
   * Coloured dots naming the themes something matches (the colours of the charts' series); a theme matched
   * by meaning alone says so.
   */
  function themeDots(indexes, queries, prefix, byMeaningOnly = []) {
    const list = element("span", "theme-dots");
    list.appendChild(element("span", "ssw-visually-hidden", `${prefix}: `));
    for (const index of indexes) {
      const meaningOnly = byMeaningOnly.includes(index);
      const dot = element("span", meaningOnly ? "theme-dot theme-dot-meaning" : "theme-dot", meaningOnly ? `${queries[index]} (by meaning)` : queries[index]);
      dot.style.setProperty("--series", colorOf(index));
      list.appendChild(dot);
    }
    return list;
  }

  /** Passage text arrives as escaped HTML with <mark> around keyword matches; only text and <mark> are kept. */
  function appendMarked(parent, html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") parent.appendChild(element("mark", "", node.textContent));
      else parent.appendChild(document.createTextNode(node.textContent));
    }
  }

  function formatDate(date) {
    if (!date) return "";
    const [year, month, day] = date.split("-").map(Number);
    return Number.isFinite(year) ? dateFormat.format(new Date(Date.UTC(year, (month || 1) - 1, day || 1))) : date;
  }

  // ---- Filters ------------------------------------------------------------------------------------

  /** Every publisher and type in the collection, with its number of briefs, from the search API's facets. */
  async function loadFilterChoices() {
    try {
      const response = await fetch("/api/search?size=1", { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const payload = await response.json();
      choices = { publisher: payload.facets?.publisher || [], type: payload.facets?.type || [] };
      renderFilterChoices();
    } catch {
      // Without the choices the filters in the URL still apply; they just cannot be changed here.
    }
  }

  let choices = { publisher: [], type: [] };

  function renderFilterChoices() {
    for (const field of LIST_FIELDS) {
      const list = $(`${field}-values`);
      list.textContent = "";
      const values = choices[field].map((c) => ({ value: String(c.value), count: c.count }));
      for (const value of state[field]) if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
      for (const choice of values) {
        const checkbox = document.createElement("input");
        checkbox.type = "checkbox";
        checkbox.name = field;
        checkbox.value = choice.value;
        checkbox.checked = state[field].includes(choice.value);
        checkbox.addEventListener("change", () => {
          const others = state[field].filter((v) => v !== choice.value);
          navigate({ ...state, [field]: checkbox.checked ? [...others, choice.value] : others, size: DEFAULT_SIZE });
        });
        const count = element("span", "facet-count", String(choice.count));
        count.title = `${choice.count} ${choice.count === 1 ? "brief" : "briefs"} in the collection`;
        list.appendChild(element("li", "", element("label", "", checkbox, element("span", "facet-value", choice.value), count)));
      }
      list.closest("fieldset").hidden = !values.length;
    }
    updateFilterSummary();
  }

  function activeFilterCount() {
    return state.publisher.length + state.type.length + (state.from ? 1 : 0) + (state.to ? 1 : 0);
  }

  function updateFilterSummary() {
    const count = activeFilterCount();
    $("filter-count").textContent = count ? `(${count})` : "";
    $("clear-filters").hidden = !count;
  }

  /** A date input shows full days; the URL may hold a bare year ("2025") or month ("2025-06"). */
  function asDateInput(value, end) {
    if (/^\d{4}$/.test(value)) return `${value}-${end ? "12-31" : "01-01"}`;
    if (/^\d{4}-\d{2}$/.test(value)) {
      const [year, month] = value.split("-").map(Number);
      return end ? `${value}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, "0")}` : `${value}-01`;
    }
    return value;
  }

  function syncControls() {
    input.value = state.q[0] || "";
    $("from").value = asDateInput(state.from, false);
    $("to").value = asDateInput(state.to, true);
    for (const field of LIST_FIELDS) {
      for (const checkbox of $(`${field}-values`).querySelectorAll("input")) checkbox.checked = state[field].includes(checkbox.value);
    }
    updateFilterSummary();
  }

  // ---- Controls -----------------------------------------------------------------------------------

  $("theme-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const theme = input.value.trim();
    if (!theme) return;
    navigate({ ...state, q: [theme, ...state.q.slice(1)], size: DEFAULT_SIZE });
  });

  $("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = $("compare-q");
    const theme = field.value.trim();
    if (!theme || state.q.length >= MAX_THEMES) return;
    field.value = "";
    navigate({ ...state, q: [...state.q.filter((q) => q !== theme), theme], size: DEFAULT_SIZE });
  });

  for (const field of ["from", "to"]) {
    $(field).addEventListener("change", (event) => navigate({ ...state, [field]: event.target.value, size: DEFAULT_SIZE }));
  }

  $("clear-filters").addEventListener("click", () => navigate({ ...state, publisher: [], type: [], from: "", to: "", size: DEFAULT_SIZE }));

  $("show-more").addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate({ ...state, size: Math.min(MAX_SIZE, state.size + DEFAULT_SIZE) });
  });

  // Topic links explore the topic on this page without a reload.
  $("topics-section").addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(readState(new URL(link.href).search));
    results.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  });

  window.addEventListener("popstate", () => {
    state = readState(location.search);
    load();
  });

  // Charts are drawn at their container's width: draw them again when it changes.
  let drawnWidth = 0;
  new ResizeObserver(() => {
    const width = $("charts").clientWidth;
    if (!lastAnswer || !width || Math.abs(width - drawnWidth) < 8) return;
    drawnWidth = width;
    renderCharts(lastAnswer);
  }).observe(results);

  // Filters start open on a wide screen and folded on a phone, where they would push the charts out of sight.
  const wide = window.matchMedia("(min-width: 50rem)");
  $("filters-panel").open = wide.matches;
  wide.addEventListener("change", (event) => ($("filters-panel").open = event.matches));

  loadFilterChoices();
  load();
})();
