using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction.Html;

/// <summary>
/// Converts a web page into Markdown for the shared extraction pipeline: only its main content
/// (see <see cref="HtmlMainContent"/>), headings kept as headings; title, description, date,
/// keywords, authors and publisher from its meta tags (Open Graph, Dublin Core, citation tags).
/// </summary>
internal static class HtmlBriefConverter
{
    private static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        SkipScriptText = true,
        SkipComments = true,
        MaximumDepth = 256,
    };

    public static ConvertedDocument Convert(byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = new HtmlParser(ParserOptions).ParseDocument(stream);
        var meta = MetaTags(document);

        var root = HtmlMainContent.Find(document);
        var firstHeading = root.QuerySelector("h1");
        var title = First(meta, "og:title", "twitter:title", "citation_title", "dc.title")
                    ?? Normalize(firstHeading?.TextContent)
                    ?? PageTitle(document.Title)
                    ?? Path.GetFileNameWithoutExtension(fileName);

        var writer = new MarkdownWriter();
        if (firstHeading is null) writer.Heading(1, title);
        HtmlMarkdownRenderer.Render(root, writer);

        var metadata = new DocumentMetadata
        {
            Title = title,
            Description = First(meta, "description", "og:description", "dc.description", "twitter:description"),
            Date = First(meta, "article:published_time", "citation_publication_date", "dc.date", "dcterms.date", "dc.date.issued",
                       "dcterms.issued", "date", "pubdate", "publish_date", "publication_date", "og:published_time")
                   ?? Normalize(root.QuerySelector("time[datetime]")?.GetAttribute("datetime")),
            Publisher = First(meta, "og:site_name", "publisher", "citation_publisher", "dc.publisher"),
            Authors = All(meta, "author", "article:author", "citation_author", "dc.creator")
                .Where(a => !Uri.IsWellFormedUriString(a, UriKind.Absolute)).ToList(),
            Keywords = All(meta, "keywords", "news_keywords", "article:tag", "citation_keywords")
                .SelectMany(k => k.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
            Links = Canonical(document, meta),
        };
        return new ConvertedDocument(writer.ToString(), metadata);
    }

    /// <summary>Meta tag values by lower-case name or property, in document order.</summary>
    private static Dictionary<string, List<string>> MetaTags(IHtmlDocument document)
    {
        var tags = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            var value = Normalize(meta.GetAttribute("content"));
            if (key is null || value is null) continue;
            if (!tags.TryGetValue(key.Trim(), out var values)) tags[key.Trim()] = values = [];
            values.Add(value);
        }
        return tags;
    }

    private static string? First(Dictionary<string, List<string>> meta, params string[] keys) =>
        keys.Select(k => meta.GetValueOrDefault(k)?.FirstOrDefault()).FirstOrDefault(v => v is not null);

    private static IEnumerable<string> All(Dictionary<string, List<string>> meta, params string[] keys) =>
        keys.SelectMany(k => meta.GetValueOrDefault(k) ?? []).Distinct(StringComparer.OrdinalIgnoreCase);

    private static List<Link> Canonical(IHtmlDocument document, Dictionary<string, List<string>> meta)
    {
        var url = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? First(meta, "og:url");
        return Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? [new Link(uri.AbsoluteUri, "Web page")]
            : [];
    }

    /// <summary>The page's &lt;title&gt; without the site name that usually follows a separator.</summary>
    private static string? PageTitle(string? title)
    {
        var clean = Normalize(title);
        if (clean is null) return null;
        var first = clean.Split([" | ", " – ", " — ", " - ", " :: "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is { Length: > 1 } ? first : clean;
    }

    private static string? Normalize(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return normalized.Length == 0 ? null : normalized;
    }
}
