/*
 * SearchService search box widget.
 *
 *   <div data-searchservice-search></div>
 *   <script src="https://search.example.org/widgets/search.js" async></script>
 *
 * Renders a search box whose suggestions come from GET /api/suggest as the user types. The list is an
 * ARIA combobox (WAI-ARIA 1.2 pattern, list autocomplete): Up/Down move through suggestions, Enter
 * chooses one, Escape closes the list. Submitting goes to the search page.
 *
 * Optional attributes, on the element or on the script tag:
 *   data-api-origin   where the API lives (default: the origin this script was loaded from)
 *   data-search-page  the results page (default: <api origin>/); the query is added as ?q=
 *   data-placeholder  placeholder text of the box
 *
 * The search page of the service reuses the same combobox through window.SearchServiceWidgets.
 * Everything shown is set as text, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptOrigin = script && script.src ? new URL(script.src, document.baseURI).origin : location.origin;
  var widgets = (window.SearchServiceWidgets = window.SearchServiceWidgets || {});
  if (widgets.attachSuggestions) return; // loaded twice: the first copy already serves the page

  var SUGGEST_DELAY_MS = 80;
  var SUGGEST_SIZE = 8;
  var comboboxCount = 0;

  function setting(element, name, fallback) {
    return (element && element.getAttribute(name)) || (script && script.getAttribute(name)) || fallback;
  }

  function apiOriginFor(element) {
    return setting(element, "data-api-origin", scriptOrigin).replace(/\/+$/, "");
  }

  function ensureStylesheet(origin) {
    if (document.querySelector("link[data-searchservice-css]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = origin + "/widgets/widgets.css";
    link.setAttribute("data-searchservice-css", "");
    document.head.appendChild(link);
  }

  /** Where choosing a suggestion leads: tags and authors become filters, everything else a query. */
  function searchUrlFor(searchPage, suggestion) {
    var url = new URL(searchPage, document.baseURI);
    var kind = (suggestion.kind || "").toLowerCase();
    if (kind === "tag" || kind === "tags") url.searchParams.set("tags", suggestion.text);
    else if (kind === "author" || kind === "authors") url.searchParams.set("authors", suggestion.text);
    else url.searchParams.set("q", suggestion.text);
    return url.href;
  }

  /** Appends text with the part that matches what was typed in <b>, built from text nodes only. */
  function appendHighlighted(parent, text, typed) {
    var words = typed.trim().split(/\s+/);
    var last = words[words.length - 1] || "";
    var at = last ? text.toLowerCase().indexOf(last.toLowerCase()) : -1;
    if (at < 0) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var strong = document.createElement("b");
    strong.textContent = text.slice(at, at + last.length);
    parent.appendChild(document.createTextNode(text.slice(0, at)));
    parent.appendChild(strong);
    parent.appendChild(document.createTextNode(text.slice(at + last.length)));
  }

  var KIND_LABELS = { title: "brief", tag: "tag", tags: "tag", author: "author", authors: "author", phrase: "phrase" };

  /**
   * Turns a text input into an ARIA combobox with suggestions from the API.
   * options: { apiOrigin, size, onChoose(suggestion) }. Returns { close(), element }.
   */
  function attachSuggestions(input, options) {
    options = options || {};
    var origin = options.apiOrigin || apiOriginFor(input);
    var size = options.size || SUGGEST_SIZE;
    var id = input.id || "ssw-input-" + ++comboboxCount;
    input.id = id;

    var listbox = document.createElement("ul");
    listbox.id = id + "-suggestions";
    listbox.className = "ssw-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggestions");
    listbox.hidden = true;
    input.insertAdjacentElement("afterend", listbox);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");
    input.setAttribute("autocapitalize", "none");
    input.setAttribute("spellcheck", "false");

    var suggestions = [];
    var active = -1;
    var timer = 0;
    var sequence = 0;
    var inflight = null;

    function open() {
      if (!suggestions.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function isOpen() {
      return !listbox.hidden;
    }

    function setActive(index) {
      var previous = listbox.children[active];
      if (previous) previous.setAttribute("aria-selected", "false");
      active = index;
      var current = listbox.children[active];
      if (current) {
        current.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", current.id);
        current.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(typed) {
      listbox.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      suggestions.forEach(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.className = "ssw-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var text = document.createElement("span");
        text.className = "ssw-option-text";
        appendHighlighted(text, suggestion.text, typed);
        option.appendChild(text);
        var label = KIND_LABELS[(suggestion.kind || "").toLowerCase()];
        if (label) {
          var kind = document.createElement("span");
          kind.className = "ssw-option-kind";
          kind.textContent = label;
          option.appendChild(kind);
        }
        // Keep focus in the box while clicking, so the list does not close before the click lands.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          choose(index);
        });
        listbox.appendChild(option);
      });
      if (suggestions.length && document.activeElement === input) open();
      else close();
    }

    function fetchSuggestions() {
      var typed = input.value;
      var mine = ++sequence;
      if (inflight) inflight.abort();
      if (!typed.trim()) {
        suggestions = [];
        render(typed);
        return;
      }
      inflight = new AbortController();
      var url = origin + "/api/suggest?q=" + encodeURIComponent(typed) + "&size=" + size;
      fetch(url, { signal: inflight.signal, credentials: "omit" })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (body) {
          if (mine !== sequence) return; // an answer to an older keystroke
          suggestions = (body && body.suggestions) || [];
          render(typed);
        })
        .catch(function (error) {
          if (error.name !== "AbortError" && mine === sequence) {
            suggestions = [];
            render(typed);
          }
        });
    }

    function choose(index) {
      var suggestion = suggestions[index];
      if (!suggestion) return;
      close();
      sequence++; // drop any answer still on its way for the text that was typed
      if (options.onChoose) options.onChoose(suggestion);
      else input.value = suggestion.text;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, SUGGEST_DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = suggestions.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) return;
          event.preventDefault();
          if (!isOpen()) {
            open();
            if (!event.altKey) setActive(0);
          } else {
            setActive(active + 1 >= count ? 0 : active + 1);
          }
          break;
        case "ArrowUp":
          if (!count) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active <= 0 ? count - 1 : active - 1);
          break;
        case "Enter":
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(active);
          } else {
            close();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (input.value.trim() && suggestions.length) open();
    });

    return { close: close, element: listbox };
  }

  /** Renders a search form with suggestions into an element marked data-searchservice-search. */
  function renderSearchBox(element) {
    if (element.getAttribute("data-searchservice-ready")) return;
    element.setAttribute("data-searchservice-ready", "true");
    var origin = apiOriginFor(element);
    var searchPage = setting(element, "data-search-page", origin + "/");
    ensureStylesheet(origin);

    var form = document.createElement("form");
    form.className = "ssw-search";
    form.setAttribute("role", "search");
    form.action = new URL(searchPage, document.baseURI).href;
    form.method = "get";

    var label = document.createElement("label");
    label.className = "ssw-visually-hidden";
    label.textContent = "Search briefs";
    var box = document.createElement("div");
    box.className = "ssw-combobox";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.className = "ssw-input";
    input.placeholder = setting(element, "data-placeholder", "Search briefs");
    input.id = "ssw-search-" + ++comboboxCount;
    label.htmlFor = input.id;
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "ssw-button";
    button.textContent = "Search";

    box.appendChild(input);
    form.appendChild(label);
    form.appendChild(box);
    form.appendChild(button);
    element.textContent = "";
    element.appendChild(form);

    attachSuggestions(input, {
      apiOrigin: origin,
      onChoose: function (suggestion) {
        input.value = suggestion.text;
        location.assign(searchUrlFor(searchPage, suggestion));
      },
    });
  }

  function init(root) {
    var elements = (root || document).querySelectorAll("[data-searchservice-search]");
    for (var i = 0; i < elements.length; i++) renderSearchBox(elements[i]);
  }

  widgets.attachSuggestions = attachSuggestions;
  widgets.searchUrlFor = searchUrlFor;
  widgets.initSearch = init;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
})();
