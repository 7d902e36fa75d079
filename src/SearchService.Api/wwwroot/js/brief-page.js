/*
 * The brief page (/brief.html?id=…): metadata, findings and recommendations of one brief, with the
 * related-briefs widget beside them. Everything is set as text; links are kept only when they are http(s).
 */
(() => {
  "use strict";

  const $ = (id) => document.getElementById(id);
  const id = new URLSearchParams(location.search).get("id") || "";
  const main = $("brief");
  const status = $("brief-status");
  const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

  // Runs before related.js (script order), which then fills the related list of this brief.
  if (id) $("related").setAttribute("data-searchservice-related", id);

  function formatDate(date) {
    const [year, month, day] = (date || "").split("-").map(Number);
    return year ? dateFormat.format(new Date(Date.UTC(year, (month || 1) - 1, day || 1))) : "";
  }

  function safeHref(link) {
    try {
      const url = new URL(link, location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch {
      return null;
    }
  }

  function fillList(list, items, fill) {
    list.textContent = "";
    for (const item of items) {
      const element = document.createElement("li");
      fill(element, item);
      list.appendChild(element);
    }
  }

  function showBrief(brief) {
    document.title = `${brief.title} – Briefs`;
    $("brief-title").textContent = brief.title || brief.id;
    $("brief-kicker").textContent = [brief.type, brief.publisher].filter(Boolean).join(" · ");
    const time = $("brief-date");
    time.textContent = formatDate(brief.date);
    time.dateTime = brief.date || "";
    const authors = (brief.authors || []).map((author) => author.name).filter(Boolean);
    $("brief-authors").textContent = authors.length ? `${brief.date ? " · " : ""}${authors.join(", ")}` : "";

    const tags = $("brief-tags");
    fillList(tags, brief.tags || [], (element, tag) => {
      const link = document.createElement("a");
      link.href = `/?tags=${encodeURIComponent(tag)}`;
      link.textContent = tag;
      element.appendChild(link);
    });
    tags.hidden = !(brief.tags || []).length;

    $("brief-summary").textContent = brief.summary || "";
    $("brief-summary").hidden = !brief.summary;

    const links = (brief.links || []).map((link) => ({ href: safeHref(link.url), text: link.text || link.url })).filter((link) => link.href && !link.href.endsWith("#"));
    fillList($("brief-links"), links, (element, link) => {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      anchor.rel = "noopener noreferrer";
      element.appendChild(anchor);
    });
    $("brief-links").hidden = !links.length;

    const findings = brief.findings || [];
    fillList($("findings"), findings, (element, finding) => {
      element.textContent = finding.text;
    });
    $("findings-section").hidden = !findings.length;
    $("to-findings").hidden = !findings.length;
    $("to-findings").firstChild.textContent = `Findings (${findings.length})`;

    const recommendations = brief.recommendations || [];
    fillList($("recommendations"), recommendations, (element, recommendation) => {
      if (recommendation.title) {
        const title = document.createElement("strong");
        title.className = "statement-title";
        title.textContent = recommendation.title;
        element.appendChild(title);
        if (recommendation.detail) {
          const detail = document.createElement("span");
          detail.className = "statement-detail";
          detail.textContent = recommendation.detail;
          element.appendChild(detail);
        }
      } else {
        element.textContent = recommendation.text;
      }
      if (recommendation.addressee) {
        const addressee = document.createElement("span");
        addressee.className = "statement-addressee";
        addressee.textContent = `To: ${recommendation.addressee}`;
        element.appendChild(addressee);
      }
    });
    $("recommendations-section").hidden = !recommendations.length;
    $("to-recommendations").hidden = !recommendations.length;
    $("to-recommendations").firstChild.textContent = `Recommendations (${recommendations.length})`;

    status.textContent = "";
    status.hidden = true;
    $("brief-article").hidden = false;
  }

  async function load() {
    if (!id) {
      status.textContent = "No brief was named: open a brief from the search results.";
      return;
    }
    status.textContent = "Loading…";
    try {
      const response = await fetch(`/api/briefs/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
      const payload = await response.json().catch(() => null);
      if (response.ok && payload) showBrief(payload);
      else status.textContent = payload?.detail || `The service answered ${response.status}.`;
    } catch {
      status.textContent = "The search service did not answer. Check the connection and reload the page.";
    } finally {
      main.removeAttribute("aria-busy");
    }
  }

  load();
})();
