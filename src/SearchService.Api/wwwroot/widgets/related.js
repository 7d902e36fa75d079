/*
 * SearchService "Related briefs" widget.
 *
 *   <div data-searchservice-related="navigating-ai-sovereignty"></div>
 *   <script src="https://search.example.org/widgets/related.js" async></script>
 *
 * Fills every element marked data-searchservice-related with the briefs most related to that brief
 * (GET /api/briefs/{id}/related). The page's origin must be listed in SearchService:Cors:AllowedOrigins.
 *
 * Optional attributes, on the element or on the script tag:
 *   data-api-origin  where the API lives (default: the origin this script was loaded from)
 *   data-k           how many related briefs (default 5)
 *   data-brief-url   link of a brief, {id} replaced (default: <api origin>/brief.html?id={id})
 *   data-heading     heading text (default "Related briefs"); data-heading="" leaves the heading out
 *
 * The element's data-searchservice-state becomes "loading", "ready", "empty" or "error". On error the
 * element stays empty (a visitor has nothing to act on) and the reason goes to the console.
 * Everything shown is set as text, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptOrigin = script && script.src ? new URL(script.src, document.baseURI).origin : location.origin;
  var widgets = (window.SearchServiceWidgets = window.SearchServiceWidgets || {});
  if (widgets.renderRelated) return;

  var headingCount = 0;

  function setting(element, name, fallback) {
    if (element.hasAttribute(name)) return element.getAttribute(name);
    if (script && script.hasAttribute(name)) return script.getAttribute(name);
    return fallback;
  }

  function ensureStylesheet(origin) {
    if (document.querySelector("link[data-searchservice-css]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = origin + "/widgets/widgets.css";
    link.setAttribute("data-searchservice-css", "");
    document.head.appendChild(link);
  }

  /** Only http(s) links are followed, so a configured template can never become a javascript: URL. */
  function briefHref(template, id) {
    var url = new URL(template.split("{id}").join(encodeURIComponent(id)), document.baseURI);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
  }

  function render(element, body, options) {
    var related = (body && body.related) || [];
    element.textContent = "";
    if (!related.length) {
      element.setAttribute("data-searchservice-state", "empty");
      return;
    }
    var section = document.createElement("section");
    section.className = "ssw-related";
    if (options.heading) {
      var heading = document.createElement("h2");
      heading.className = "ssw-related-heading";
      heading.id = "ssw-related-heading-" + ++headingCount;
      heading.textContent = options.heading;
      section.setAttribute("aria-labelledby", heading.id);
      section.appendChild(heading);
    } else {
      section.setAttribute("aria-label", "Related briefs");
    }
    var list = document.createElement("ol");
    list.className = "ssw-related-list";
    related.forEach(function (brief, index) {
      var item = document.createElement("li");
      item.className = "ssw-related-item";
      item.setAttribute("data-id", brief.id);
      var link = document.createElement("a");
      link.className = "ssw-related-link";
      link.href = briefHref(options.briefUrl, brief.id);
      link.textContent = brief.title || brief.id;
      if (body.searchId) {
        var opened = function (event) {
          if (event.type === "auxclick" && event.button !== 1) return;
          reportOpened(options.origin, body.searchId, brief.id, index + 1);
        };
        link.addEventListener("click", opened);
        link.addEventListener("auxclick", opened);
      }
      item.appendChild(link);
      // The closest passages are shown as a quote of their own, so the reasons line leaves them out.
      var said = (brief.reasons || []).filter(function (reason) { return !(brief.bestMatch && reason.indexOf("closest passages") === 0); });
      if (said.length) {
        var reasons = document.createElement("p");
        reasons.className = "ssw-related-reasons";
        reasons.textContent = said.join(" · ");
        item.appendChild(reasons);
      }
      if (brief.bestMatch && brief.bestMatch.relatedPassage) {
        var quote = document.createElement("blockquote");
        quote.className = "ssw-related-quote";
        quote.textContent = shorten(brief.bestMatch.relatedPassage, 220);
        quote.title = "The passage most alike in meaning to one of this brief's (similarity " + Number(brief.bestMatch.similarity).toFixed(2) + ")";
        item.appendChild(quote);
      }
      list.appendChild(item);
    });
    section.appendChild(list);
    element.appendChild(section);
    element.setAttribute("data-searchservice-state", "ready");
  }

  /**
   * Tells the service's search analytics which brief of the list was opened (by its position), naming the list by
   * the opaque searchId it came with. A beacon: it outlives the page being left, and says nothing about the reader.
   */
  function reportOpened(origin, searchId, briefId, position) {
    if (!navigator.sendBeacon) return;
    try {
      navigator.sendBeacon(origin + "/api/analytics/clicks", JSON.stringify({ searchId: searchId, briefId: briefId, position: position }));
    } catch (error) {
      // A site whose Content-Security-Policy forbids it: the click is simply not counted.
    }
  }

  /** Cuts text at the last space before <limit> characters. */
  function shorten(text, limit) {
    if (text.length <= limit) return text;
    var cut = text.lastIndexOf(" ", limit);
    return text.slice(0, cut > 0 ? cut : limit) + " …";
  }

  /** Loads and renders the related list of one element; returns a promise that settles when it is shown. */
  function renderRelated(element) {
    var id = element.getAttribute("data-searchservice-related");
    if (!id) return Promise.resolve();
    var origin = setting(element, "data-api-origin", scriptOrigin).replace(/\/+$/, "");
    var k = parseInt(setting(element, "data-k", "5"), 10) || 5;
    var options = {
      origin: origin,
      briefUrl: setting(element, "data-brief-url", origin + "/brief.html?id={id}"),
      heading: setting(element, "data-heading", "Related briefs"),
    };
    ensureStylesheet(origin);
    element.setAttribute("data-searchservice-state", "loading");
    element.setAttribute("aria-busy", "true");
    var url = origin + "/api/briefs/" + encodeURIComponent(id) + "/related?k=" + k;
    return fetch(url, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("the API answered " + response.status + " for " + url);
        return response.json();
      })
      .then(function (body) {
        render(element, body, options);
      })
      .catch(function (error) {
        element.textContent = "";
        element.setAttribute("data-searchservice-state", "error");
        console.warn(
          "SearchService related widget: could not load related briefs for '" + id + "' from " + origin +
            " (" + error.message + "). If this is a network error, check that " + location.origin +
            " is listed in SearchService:Cors:AllowedOrigins of the service."
        );
      })
      .then(function () {
        element.removeAttribute("aria-busy");
      });
  }

  function init(root) {
    var elements = (root || document).querySelectorAll("[data-searchservice-related]");
    var pending = [];
    for (var i = 0; i < elements.length; i++) pending.push(renderRelated(elements[i]));
    return Promise.all(pending);
  }

  widgets.renderRelated = renderRelated;
  widgets.initRelated = init;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
})();
