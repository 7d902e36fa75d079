/*
 * The search page. Its whole state lives in the URL (/?q=…&tags=…&page=…), so a search can be linked,
 * reloaded, and walked with Back and Forward.
 *
 * Two answers per search:
 *  - instant: a keyword search ~120 ms after each keystroke, shown as soon as it arrives;
 *  - refined: once typing pauses (~600 ms) the page asks again in the pause mode (hybrid). If the
 *    pointer is over the results or focus is inside them, the refined answer waits (with a "Show
 *    refined results" button) until the pointer or focus leaves, so nothing moves under the reader.
 *    Results are keyed by brief id: a brief already on screen keeps its element.
 * Every request carries the sequence number of the state it answers and the previous request is
 * aborted, so a late answer to an older keystroke is never shown over a newer one.
 *
 * Search analytics: requests made while the reader types are sent with interim=true and not recorded; the
 * settled search (the refined one, or the keyword one when no refinement follows) is. Opening a result sends a
 * beacon naming the recorded search's id and the result's position.
 *
 * Only the API's snippets are parsed as HTML, and only their text and <mark> elements are kept;
 * everything else is set as text.
 */
(() => {
  "use strict";

  const body = document.body;
  const INSTANT_DELAY_MS = Number(body.dataset.instantDelayMs) || 120;
  const PAUSE_DELAY_MS = Number(body.dataset.pauseDelayMs) || 600;
  const PAUSE_MODE = body.dataset.pauseMode || "hybrid";
  const DEFAULT_SIZE = 10;
  const FACETS_SHOWN = 8;
  const LIST_FIELDS = ["tags", "authors", "type", "publisher"];
  const FACET_GROUPS = [
    { key: "tags", label: "Tags" },
    { key: "type", label: "Type" },
    { key: "publisher", label: "Publisher" },
    { key: "authors", label: "Authors" },
    { key: "year", label: "Year" },
  ];

  const $ = (id) => document.getElementById(id);
  const form = $("search-form");
  const input = $("q");
  const results = $("results");
  const hits = $("hits");
  const status = $("status");
  const facets = $("facets");
  const pager = $("pager");
  const refined = $("refined");
  const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

  // ---- State <-> URL ------------------------------------------------------------------------------

  function readState(search) {
    const params = new URLSearchParams(search);
    const number = (name, fallback) => {
      const value = parseInt(params.get(name) || "", 10);
      return value > 0 ? value : fallback;
    };
    return {
      q: params.get("q") || "",
      tags: params.getAll("tags"),
      authors: params.getAll("authors"),
      type: params.getAll("type"),
      publisher: params.getAll("publisher"),
      from: params.get("from") || "",
      to: params.get("to") || "",
      sort: params.get("sort") === "date" ? "date" : "relevance",
      boost: params.get("boost") || "",
      page: number("page", 1),
      size: number("size", DEFAULT_SIZE),
    };
  }

  /** Query string of a state; defaults are left out so links stay short. */
  function toParams(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const field of LIST_FIELDS) for (const value of state[field]) params.append(field, value);
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    if (state.sort !== "relevance") params.set("sort", state.sort);
    if (state.boost) params.set("boost", state.boost);
    if (state.page > 1) params.set("page", String(state.page));
    if (state.size !== DEFAULT_SIZE) params.set("size", String(state.size));
    return params;
  }

  function urlFor(state) {
    const query = toParams(state).toString();
    return "/" + (query ? "?" + query : "");
  }

  let state = readState(location.search);

  // A history entry is "committed" once it holds a finished search (a pause in typing, a click, Enter).
  // Keystrokes replace the uncommitted entry, so Back steps through searches, not through letters.
  let entryCommitted = true;

  function writeUrl(committed) {
    const url = urlFor(state);
    if (url !== location.pathname + location.search) {
      if (entryCommitted) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    entryCommitted = committed;
    document.title = state.q ? `${state.q} – Search briefs` : "Search briefs";
  }

  // ---- Requests -----------------------------------------------------------------------------------

  let sequence = 0; // the newest state's number; answers for older numbers are dropped
  let shown = { sequence: 0, mode: "", searchId: null }; // what the list currently shows
  let recorded = { sequence: 0, searchId: null }; // the search analytics recorded for a state (clicks name it)
  let instantTimer = 0;
  let pauseTimer = 0;
  let instantRequest = null;
  let pauseRequest = null;
  let pauseModeAvailable = PAUSE_MODE !== "keyword";
  let pending = null; // a refined answer waiting for the reader to leave the list

  function apiUrl(mode, interim) {
    const params = toParams(state);
    params.set("mode", mode);
    if (interim) params.set("interim", "true");
    if (!params.has("page")) params.set("page", "1");
    params.set("size", String(state.size));
    return "/api/search?" + params.toString();
  }

  async function fetchJson(url, signal) {
    const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    return { ok: response.ok, status: response.status, payload };
  }

  /** Starts a search for the current state: keyword now (or after the typing delay), refined after a pause. */
  function search({ typing }) {
    const mine = ++sequence;
    clearTimeout(instantTimer);
    clearTimeout(pauseTimer);
    instantRequest?.abort();
    pauseRequest?.abort();
    discardPending();
    results.setAttribute("aria-busy", "true");
    if (typing) {
      instantTimer = setTimeout(() => {
        writeUrl(false);
        runKeyword(mine, true);
      }, INSTANT_DELAY_MS);
      pauseTimer = setTimeout(() => {
        entryCommitted = true;
        settle(mine);
      }, PAUSE_DELAY_MS);
    } else {
      const refine = refinementFollows();
      runKeyword(mine, refine).then(() => refine && runRefined(mine));
    }
  }

  /** Refining only changes the order of matches for a query; an empty query or a date sort has none to refine. */
  function refinementFollows() {
    return pauseModeAvailable && Boolean(state.q.trim()) && state.sort === "relevance";
  }

  /** Typing paused: the search the reader settled on is asked once more and recorded (refined, or keyword from the service's cache). */
  function settle(mine) {
    if (mine !== sequence) return;
    if (refinementFollows()) runRefined(mine);
    else runKeyword(mine, false);
  }

  function noteRecorded(mine, payload) {
    if (payload?.searchId) recorded = { sequence: mine, searchId: payload.searchId };
  }

  async function runKeyword(mine, interim) {
    instantRequest?.abort();
    instantRequest = new AbortController();
    try {
      const answer = await fetchJson(apiUrl("keyword", interim), instantRequest.signal);
      if (mine !== sequence) return;
      if (answer.ok && !interim) noteRecorded(mine, answer.payload);
      // A refined answer to this same state may have come first; it is the better one.
      if (shown.sequence === mine && shown.mode !== "keyword") return;
      if (answer.ok) show(mine, "keyword", answer.payload);
      else showProblem(answer);
    } catch (error) {
      if (error.name === "AbortError" || mine !== sequence) return;
      showFailure();
    }
  }

  async function runRefined(mine) {
    if (mine !== sequence) return;
    if (!refinementFollows()) return;
    pauseRequest = new AbortController();
    try {
      const answer = await fetchJson(apiUrl(PAUSE_MODE), pauseRequest.signal);
      if (mine !== sequence) return;
      if (answer.status === 400) {
        // The service does not know this mode (yet): keep the keyword results and stop asking.
        pauseModeAvailable = false;
        console.info(`SearchService: mode=${PAUSE_MODE} is not available (${answer.payload?.detail ?? "400"}); keyword results stay.`);
        runKeyword(mine, false); // the keyword answer is then the one to record
      } else if (answer.ok) {
        noteRecorded(mine, answer.payload);
        if (shown.sequence === mine && readerIsOnResults()) holdRefined(mine, answer.payload);
        else show(mine, PAUSE_MODE, answer.payload);
      }
    } catch (error) {
      if (error.name === "AbortError") return;
      // The keyword results are still good; a failed refinement is not worth an error message.
    }
  }

  // ---- Not moving the list under the reader --------------------------------------------------------

  let pointerOnResults = false;
  results.addEventListener("pointerenter", () => (pointerOnResults = true));
  results.addEventListener("pointerleave", () => {
    pointerOnResults = false;
    applyPending();
  });
  results.addEventListener("focusout", (event) => {
    if (!results.contains(event.relatedTarget)) applyPending();
  });

  function readerIsOnResults() {
    return pointerOnResults || results.contains(document.activeElement);
  }

  function holdRefined(mine, payload) {
    pending = { sequence: mine, payload };
    refined.hidden = false;
  }

  function applyPending() {
    if (!pending || readerIsOnResults()) return;
    const { sequence: mine, payload } = pending;
    discardPending();
    if (mine === sequence) show(mine, PAUSE_MODE, payload);
  }

  function discardPending() {
    pending = null;
    refined.hidden = true;
  }

  $("show-refined").addEventListener("click", () => {
    if (!pending) return;
    const { sequence: mine, payload } = pending;
    discardPending();
    if (mine === sequence) show(mine, PAUSE_MODE, payload);
    results.focus();
  });

  // ---- Rendering ----------------------------------------------------------------------------------

  function show(mine, mode, payload) {
    shown = { sequence: mine, mode, searchId: payload.searchId || null };
    results.dataset.mode = mode; // which answer is on screen (keyword or the pause mode)
    results.removeAttribute("aria-busy");
    const total = payload.total ?? 0;
    const count = `${total.toLocaleString("en")} ${total === 1 ? "brief" : "briefs"}`;
    status.textContent = typeof payload.tookMs === "number" ? `${count} · ${Math.round(payload.tookMs)} ms` : count;
    if (!total) status.textContent = state.q ? `No briefs match “${state.q}”.` : "No briefs match these filters.";
    renderDidYouMean(payload.didYouMean);
    renderHits(payload.hits || []);
    renderFacets(payload.facets || {});
    renderPager(total);
  }

  function showProblem(answer) {
    shown = { sequence, mode: "problem" };
    const detail = answer.payload?.detail || answer.payload?.title || `The service answered ${answer.status}.`;
    status.textContent = `The search could not run: ${detail}`;
    renderHits([]);
    renderPager(0);
    results.removeAttribute("aria-busy");
  }

  function showFailure() {
    status.textContent = "The search service did not answer. Check the connection and try again.";
    results.removeAttribute("aria-busy");
  }

  function renderDidYouMean(suggestion) {
    const paragraph = $("did-you-mean");
    const link = $("did-you-mean-link");
    if (!suggestion || suggestion === state.q) {
      paragraph.hidden = true;
      return;
    }
    link.textContent = suggestion;
    link.href = urlFor({ ...state, q: suggestion, page: 1 });
    paragraph.hidden = false;
  }

  /**
   * Puts keyed elements into a container in the given order, reusing the element of a key that is
   * already there and moving elements only when their position changes (a move would drop focus).
   */
  function reconcile(container, items, keyOf, create, update) {
    const existing = new Map();
    for (const element of container.children) existing.set(element.dataset.key, element);
    items.forEach((item, index) => {
      const key = keyOf(item);
      let element = existing.get(key);
      if (element) existing.delete(key);
      else {
        element = create(item);
        element.dataset.key = key;
      }
      update(element, item);
      const current = container.children[index];
      if (current !== element) container.insertBefore(element, current || null);
    });
    for (const element of existing.values()) element.remove();
  }

  // ---- Clicks, for search analytics ------------------------------------------------------------------

  /** Opening a result (click, or middle click for a new tab) tells the service which result of which search. */
  function reportOpened(event) {
    if (event.type === "auxclick" && event.button !== 1) return;
    const link = event.target.closest(".hit-title a");
    const item = link?.closest(".hit");
    if (!item || !navigator.sendBeacon) return;
    // The list may still show the instant answer while the recorded (refined) one waits: both answer this state.
    const searchId = recorded.sequence === shown.sequence ? recorded.searchId : shown.searchId;
    const index = [...hits.children].indexOf(item);
    if (!searchId || index < 0) return;
    const position = (state.page - 1) * state.size + index + 1;
    navigator.sendBeacon("/api/analytics/clicks", JSON.stringify({ searchId, briefId: item.dataset.key, position }));
  }

  hits.addEventListener("click", reportOpened);
  hits.addEventListener("auxclick", reportOpened);

  function renderHits(list) {
    reconcile(hits, list, (hit) => hit.id, createHit, updateHit);
  }

  function createHit() {
    const element = (tag, className, ...children) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      node.append(...children);
      return node;
    };
    return element(
      "li",
      "hit",
      element("h2", "hit-title", element("a")),
      element("p", "hit-meta", element("time")),
      element("ul", "tags"),
      element("div", "hit-snippets")
    );
  }

  function updateHit(item, hit) {
    // Skip rewriting an unchanged hit, so text selection and hover survive a refined answer.
    const signature = JSON.stringify([hit.title, hit.date, hit.tags, hit.snippets]);
    if (item.dataset.signature === signature) return;
    item.dataset.signature = signature;
    const link = item.querySelector(".hit-title a");
    link.href = `/brief.html?id=${encodeURIComponent(hit.id)}`;
    link.textContent = hit.title || hit.id;
    const time = item.querySelector("time");
    time.textContent = formatDate(hit.date);
    time.dateTime = hit.date || "";
    fillTags(item.querySelector(".tags"), hit.tags || []);
    const snippets = item.querySelector(".hit-snippets");
    snippets.textContent = "";
    for (const snippet of [...new Set(hit.snippets || [])].slice(0, 2)) {
      const paragraph = document.createElement("p");
      paragraph.className = "snippet";
      appendSnippet(paragraph, snippet);
      snippets.appendChild(paragraph);
    }
  }

  /**
   * Snippets arrive as escaped HTML with <mark> around matches. They are parsed in an inert template
   * (nothing loads or runs there) and only their text and <mark> elements are copied onto the page.
   */
  function appendSnippet(parent, html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(node.textContent));
      }
    }
  }

  function fillTags(list, tags) {
    list.textContent = "";
    list.hidden = !tags.length;
    for (const tag of tags) {
      const item = document.createElement("li");
      item.textContent = tag;
      list.appendChild(item);
    }
  }

  function formatDate(date) {
    if (!date) return "";
    const [year, month, day] = date.split("-").map(Number);
    return Number.isFinite(year) ? dateFormat.format(new Date(Date.UTC(year, (month || 1) - 1, day || 1))) : date;
  }

  // ---- Facets -------------------------------------------------------------------------------------

  const expandedGroups = new Set();
  let lastFacets = {};

  /** The year the date range covers exactly (from=2025&to=2025, or the whole of 2025 spelled out), else "". */
  function selectedYear() {
    const match = /^(\d{4})(-01-01)?$/.exec(state.from);
    if (!match) return "";
    const year = match[1];
    return state.to === year || state.to === `${year}-12-31` ? year : "";
  }

  function selectedValues(key) {
    if (key === "year") return selectedYear() ? [selectedYear()] : [];
    return state[key];
  }

  function renderFacets(all) {
    lastFacets = all;
    const groups = FACET_GROUPS.map((group) => {
      const selected = selectedValues(group.key);
      const values = (all[group.key] || []).map((facet) => ({ value: String(facet.value), count: facet.count }));
      // A checked value stays visible (with 0) even when nothing matches it any more, so it can be unchecked.
      for (const value of selected) if (!values.some((facet) => facet.value === value)) values.push({ value, count: 0 });
      return { ...group, values, selected };
    }).filter((group) => group.values.length);
    reconcile(facets, groups, (group) => group.key, createGroup, updateGroup);
    updateFilterSummary();
  }

  function createGroup(group) {
    const fieldset = document.createElement("fieldset");
    fieldset.className = "filter-group facet";
    fieldset.dataset.facet = group.key;
    const legend = document.createElement("legend");
    legend.textContent = group.label;
    const list = document.createElement("ul");
    list.className = "facet-values";
    const more = document.createElement("button");
    more.type = "button";
    more.className = "link-button facet-more";
    more.addEventListener("click", () => {
      if (expandedGroups.has(group.key)) expandedGroups.delete(group.key);
      else expandedGroups.add(group.key);
      renderFacets(lastFacets);
    });
    fieldset.append(legend, list, more);
    return fieldset;
  }

  function updateGroup(fieldset, group) {
    const expanded = expandedGroups.has(group.key);
    const visible = expanded
      ? group.values
      : group.values.filter((facet, index) => index < FACETS_SHOWN || group.selected.includes(facet.value));
    reconcile(
      fieldset.querySelector(".facet-values"),
      visible,
      (facet) => facet.value,
      (facet) => createFacetValue(group.key, facet.value),
      (item, facet) => {
        const checkbox = item.querySelector("input");
        checkbox.checked = group.selected.includes(facet.value);
        item.querySelector(".facet-count").textContent = String(facet.count);
        item.classList.toggle("facet-empty", facet.count === 0);
      }
    );
    const more = fieldset.querySelector(".facet-more");
    more.hidden = group.values.length <= FACETS_SHOWN;
    more.textContent = expanded ? "Show fewer" : `Show all ${group.values.length}`;
    more.setAttribute("aria-expanded", String(expanded));
  }

  function createFacetValue(key, value) {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    checkbox.name = key;
    checkbox.value = value;
    checkbox.addEventListener("change", () => toggleFacet(key, value, checkbox.checked));
    const text = document.createElement("span");
    text.className = "facet-value";
    text.textContent = value;
    const count = document.createElement("span");
    count.className = "facet-count";
    label.append(checkbox, text, count);
    item.appendChild(label);
    return item;
  }

  function toggleFacet(key, value, checked) {
    if (key === "year") {
      // The API reads a bare year as its first day in "from" and its last day in "to".
      state.from = checked ? value : "";
      state.to = checked ? value : "";
      syncControls();
    } else {
      state[key] = checked ? [...state[key].filter((v) => v !== value), value] : state[key].filter((v) => v !== value);
    }
    changed();
  }

  function activeFilterCount() {
    const lists = LIST_FIELDS.reduce((count, field) => count + state[field].length, 0);
    return lists + (selectedYear() ? 1 : (state.from ? 1 : 0) + (state.to ? 1 : 0));
  }

  function updateFilterSummary() {
    const count = activeFilterCount();
    $("filter-count").textContent = count ? `(${count})` : "";
    $("clear-filters").hidden = !count;
  }

  // ---- Paging -------------------------------------------------------------------------------------

  function renderPager(total) {
    const pages = Math.min(Math.ceil(total / state.size), Math.floor(10000 / state.size));
    pager.textContent = "";
    pager.hidden = pages <= 1;
    if (pages <= 1) return;
    const list = document.createElement("ul");
    const add = (label, page, options = {}) => {
      const item = document.createElement("li");
      if (page === null) {
        item.textContent = label;
        item.className = "pager-gap";
      } else if (options.current || options.disabled) {
        const span = document.createElement("span");
        span.textContent = label;
        span.className = options.current ? "pager-current" : "pager-disabled";
        if (options.current) span.setAttribute("aria-current", "page");
        if (options.ariaLabel) span.setAttribute("aria-label", options.ariaLabel);
        item.appendChild(span);
      } else {
        const link = document.createElement("a");
        link.href = urlFor({ ...state, page });
        link.textContent = label;
        link.dataset.page = String(page);
        if (options.ariaLabel) link.setAttribute("aria-label", options.ariaLabel);
        item.appendChild(link);
      }
      list.appendChild(item);
    };
    const current = Math.min(state.page, pages);
    add("‹ Previous", current > 1 ? current - 1 : 0, { disabled: current <= 1, ariaLabel: "Previous page" });
    let last = 0;
    for (let page = 1; page <= pages; page++) {
      if (page !== 1 && page !== pages && Math.abs(page - current) > 1) continue;
      if (page - last > 1) add("…", null);
      add(String(page), page, { current: page === current, ariaLabel: `Page ${page}` });
      last = page;
    }
    add("Next ›", current < pages ? current + 1 : 0, { disabled: current >= pages, ariaLabel: "Next page" });
    pager.appendChild(list);
  }

  pager.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-page]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    state.page = Number(link.dataset.page);
    commitAndSearch({ resetPage: false });
    results.focus({ preventScroll: true });
    results.scrollIntoView({ block: "start" });
  });

  // ---- Controls -----------------------------------------------------------------------------------

  function syncControls() {
    input.value = state.q;
    $("sort").value = state.sort;
    $("from").value = asDateInput(state.from, "01-01");
    $("to").value = asDateInput(state.to, "12-31");
  }

  /** A date input shows full days; the URL may hold a bare year ("2025"). */
  function asDateInput(value, dayOfYear) {
    return /^\d{4}$/.test(value) ? `${value}-${dayOfYear}` : value;
  }

  /** A deliberate change (click, Enter, choice): its own history entry, searched at once. */
  function commitAndSearch({ resetPage = true } = {}) {
    if (resetPage) state.page = 1;
    entryCommitted = true;
    writeUrl(true);
    search({ typing: false });
  }

  function changed() {
    commitAndSearch();
  }

  input.addEventListener("input", () => {
    state.q = input.value;
    state.page = 1;
    search({ typing: true });
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    suggestions?.close();
    state.q = input.value;
    changed();
  });

  $("sort").addEventListener("change", (event) => {
    state.sort = event.target.value === "date" ? "date" : "relevance";
    changed();
  });

  for (const field of ["from", "to"]) {
    $(field).addEventListener("change", (event) => {
      state[field] = event.target.value;
      changed();
    });
  }

  $("clear-filters").addEventListener("click", () => {
    state = { ...state, tags: [], authors: [], type: [], publisher: [], from: "", to: "" };
    syncControls();
    changed();
  });

  $("did-you-mean-link").addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    state.q = event.currentTarget.textContent;
    input.value = state.q;
    changed();
  });

  window.addEventListener("popstate", () => {
    state = readState(location.search);
    syncControls();
    entryCommitted = true;
    document.title = state.q ? `${state.q} – Search briefs` : "Search briefs";
    search({ typing: false });
  });

  const suggestions = window.SearchServiceWidgets?.attachSuggestions(input, {
    apiOrigin: location.origin,
    onChoose(suggestion) {
      const kind = (suggestion.kind || "").toLowerCase().replace(/s$/, "");
      if (kind === "tag" || kind === "author") {
        const field = kind === "tag" ? "tags" : "authors";
        if (!state[field].includes(suggestion.text)) state[field] = [...state[field], suggestion.text];
        state.q = "";
      } else {
        state.q = suggestion.text;
      }
      input.value = state.q;
      changed();
    },
  });

  // Filters start open on a wide screen and folded on a phone, where they would push results out of sight.
  const wide = window.matchMedia("(min-width: 50rem)");
  $("filters-panel").open = wide.matches;
  wide.addEventListener("change", (event) => ($("filters-panel").open = event.matches));

  syncControls();
  document.title = state.q ? `${state.q} – Search briefs` : "Search briefs";
  search({ typing: false });
})();
