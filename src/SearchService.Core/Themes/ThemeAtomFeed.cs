using System.Globalization;
using System.Xml.Linq;

namespace SearchService.Core.Themes;

/// <summary>
/// A theme as an Atom 1.0 feed (RFC 4287) of the newest matching briefs, so a feed reader can follow it.
/// Entry ids come from brief ids alone, so a brief keeps its entry however often the feed is read, and across themes.
/// </summary>
public static class ThemeAtomFeed
{
    public const int MaxEntries = 20;
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private const int SummaryLength = 600;

    /// <summary>A brief's entry id: a URN of its id, independent of the host that serves the feed.</summary>
    public static string EntryId(string briefId) => "urn:searchservice:brief:" + Uri.EscapeDataString(briefId);

    public static XDocument Build(ThemeResults results, ThemeFeedLinks links)
    {
        // Undated briefs cannot be placed among the newest, and Atom needs a date for every entry.
        var newest = results.Briefs.Where(b => b.Date is not null)
            .OrderByDescending(b => b.Date).ThenBy(b => b.Id, StringComparer.Ordinal)
            .Take(MaxEntries)
            .ToList();
        // The feed changes when its newest entry does; a fixed date otherwise keeps readers from refetching nothing.
        var updated = newest.Count > 0 ? Timestamp(newest[0].Date!.Value) : "1970-01-01T00:00:00Z";

        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", links.FeedId),
            new XElement(Atom + "title", "Briefs on " + string.Join(" and ", results.Queries.Select(q => $"“{Shorten(q, 80)}”"))),
            new XElement(Atom + "subtitle", "The newest briefs whose findings or recommendations match, by keywords or by meaning."),
            new XElement(Atom + "updated", updated),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", links.Self.AbsoluteUri)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", links.Page.AbsoluteUri)),
            new XElement(Atom + "author", new XElement(Atom + "name", "SearchService")),
            new XElement(Atom + "generator", "SearchService"),
            newest.Select(brief => Entry(brief, results, links)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
    }

    private static XElement Entry(ThemeBrief brief, ThemeResults results, ThemeFeedLinks links)
    {
        var date = Timestamp(brief.Date!.Value);
        var best = brief.Passages[0];
        var count = brief.Passages.Count;
        var summary = $"{count} matching {(count == 1 ? "statement" : "findings and recommendations")}" +
                      (results.Queries.Count > 1 ? $" ({string.Join(", ", brief.Themes.Select(i => results.Queries[i]))})" : "") +
                      $". {Capitalised(best.Kind)}: “{Shorten(best.PlainText, SummaryLength)}”";
        return new XElement(Atom + "entry",
            new XElement(Atom + "id", EntryId(brief.Id)),
            new XElement(Atom + "title", brief.Title),
            new XElement(Atom + "updated", date),
            new XElement(Atom + "published", date),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", links.BriefPage(brief.Id).AbsoluteUri)),
            // Atom needs an author per entry (or on the feed): the brief's authors, else its publisher.
            brief.Authors.Count > 0
                ? brief.Authors.Select(name => new XElement(Atom + "author", new XElement(Atom + "name", name)))
                : new XElement(Atom + "author", new XElement(Atom + "name", brief.Publisher ?? "Unknown publisher")),
            brief.Type is { } type ? new XElement(Atom + "category", new XAttribute("term", type)) : null,
            new XElement(Atom + "summary", new XAttribute("type", "text"), summary));
    }

    private static string Timestamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";
}
