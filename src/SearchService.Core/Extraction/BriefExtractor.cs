using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>
/// Turns a publication file into a <see cref="Brief"/>. One obvious entry point,
/// <see cref="Extract(string)"/>; every failure is a <see cref="BriefExtractionException"/> that
/// names the file and the reason.
/// </summary>
public static partial class BriefExtractor
{
    /// <summary>Files larger than this are refused: no brief is that long, and reading it would cost memory.</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    private static readonly string[] MarkdownExtensions = [".md", ".markdown", ".mdown", ".txt"];

    /// <summary>True when <paramref name="path"/> has an extension this extractor reads.</summary>
    public static bool IsSupported(string path) =>
        MarkdownExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads and extracts one file.</summary>
    public static Brief Extract(string path)
    {
        var name = Path.GetFileName(path);
        if (!IsSupported(path))
            throw new BriefExtractionException(name, $"unsupported file type '{Path.GetExtension(path)}'; expected one of {string.Join(", ", MarkdownExtensions)}");
        var info = new FileInfo(path);
        if (!info.Exists) throw new BriefExtractionException(name, "file not found");
        if (info.Length > MaxFileBytes)
            throw new BriefExtractionException(name, $"file is {info.Length / (1024 * 1024)} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB");
        return Extract(File.ReadAllBytes(path), name);
    }

    /// <summary>Extracts a brief from the bytes of a file called <paramref name="fileName"/>.</summary>
    public static Brief Extract(byte[] bytes, string fileName)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new BriefExtractionException(fileName, $"not valid UTF-8 text (bad byte at offset {e.Index}); save the file as UTF-8", e);
        }
        if (text.Contains('\0'))
            throw new BriefExtractionException(fileName, "contains NUL bytes: this is a binary file, not Markdown");
        return ExtractMarkdown(text.TrimStart('\uFEFF'), fileName);
    }

    /// <summary>Extracts a brief from Markdown text (with optional YAML front matter).</summary>
    public static Brief ExtractMarkdown(string markdown, string fileName)
    {
        markdown = markdown.Replace("\r\n", "\n");
        FrontMatter frontMatter;
        string body;
        try
        {
            var (yaml, rest, _) = FrontMatter.Split(markdown);
            frontMatter = yaml is null ? FrontMatter.Empty : FrontMatter.Parse(yaml);
            body = rest;
        }
        catch (FormatException e)
        {
            throw new BriefExtractionException(fileName, e.Message, e);
        }

        var (header, bodyWithoutHeader) = MetadataHeader.Read(body);
        body = PageFurniture.Strip(bodyWithoutHeader);

        var title = Clean(frontMatter.GetString("title", "name"))
                    ?? FirstHeading(body)
                    ?? Path.GetFileNameWithoutExtension(fileName);

        var sections = ReadSections(body, "body", title, fileName);
        foreach (var (key, content) in MarkdownFields(frontMatter))
            sections.AddRange(ReadSections(content, $"front matter: {key}", title, fileName));

        var indexed = sections.Where(s => s.Role != SectionRole.Boilerplate && s.Blocks.Count > 0).ToList();
        var bodyText = string.Join("\n\n", indexed.Select(s => s.Text)).Trim();
        if (bodyText.Length == 0 && frontMatter.GetString("abstract", "excerpt", "summary", "description") is null)
            throw new BriefExtractionException(fileName, "has no text to index (no body and no summary)");

        var (findings, recommendations) = StatementExtractor.Extract(indexed);
        var tags = Tags(frontMatter, header);

        return new Brief
        {
            Id = Id(frontMatter, fileName),
            Title = title,
            Date = ParseDate(frontMatter.GetString("report_date", "date", "published", "publication_date", "pub_date")
                             ?? Get(header, "Published", "Publication Date", "Date")),
            Publisher = Publisher(frontMatter, header),
            Type = DocumentType(frontMatter, header, tags),
            Tags = tags,
            Authors = Authors(frontMatter, header),
            Links = Links(frontMatter, header),
            Summary = Summary(frontMatter, indexed),
            Body = bodyText,
            Sections = indexed.Select(s => new Section(s.Heading, s.Text, s.Role, s.Origin)).ToList(),
            Findings = findings,
            Recommendations = recommendations,
            Source = fileName,
            Format = "markdown",
        };
    }

    private static List<SectionDraft> ReadSections(string markdown, string origin, string title, string fileName)
    {
        try
        {
            return MarkdownSectionReader.Read(markdown, origin, title);
        }
        catch (ArgumentException e) when (e.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            // Markdig refuses absurd nesting (hundreds of levels of lists or quotes) rather than recurse without bound.
            throw new BriefExtractionException(fileName, $"the Markdown in the {origin} is too deeply nested (lists or quotes hundreds of levels deep); flatten it", e);
        }
    }

    private static readonly string[] ContentFieldNames = ["content", "body", "markdown", "text"];
    private static readonly string[] MetadataFieldNames = ["title", "excerpt", "abstract", "summary", "description", "slug", "permalink", "cover_image", "layout"];

    /// <summary>Front-matter fields that hold Markdown: known content fields, and any long field written in Markdown.</summary>
    private static IEnumerable<(string Key, string Value)> MarkdownFields(FrontMatter frontMatter) =>
        frontMatter.StringFields().Where(f =>
            !MetadataFieldNames.Contains(f.Key, StringComparer.OrdinalIgnoreCase)
            && (ContentFieldNames.Contains(f.Key, StringComparer.OrdinalIgnoreCase) || f.Value.Length > 200 && MarkdownSyntax().IsMatch(f.Value)));

    private static string Id(FrontMatter frontMatter, string fileName)
    {
        var slug = frontMatter.GetString("slug");
        if (slug is null && frontMatter.GetString("permalink") is { } permalink)
            slug = permalink.TrimEnd('/').Split('/').LastOrDefault(s => s.Length > 0);
        var id = Slugify(slug ?? Path.GetFileNameWithoutExtension(fileName));
        return id.Length > 0 ? id : Slugify(fileName);
    }

    /// <summary>Lower-case letters, digits, '-', '_' and '.', so an id is safe in a URL and a file name.</summary>
    public static string Slugify(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in TextNormalizer.Normalize(value).ToLowerInvariant())
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        return DashRuns().Replace(builder.ToString(), "-").Trim('-', '.');
    }

    private static string? FirstHeading(string body)
    {
        var match = AtxTitle().Match(body);
        return match.Success ? Clean(match.Groups["title"].Value) : null;
    }

    private static List<string> Tags(FrontMatter frontMatter, Dictionary<string, string> header)
    {
        var tags = frontMatter.GetList("tags", "keywords", "topics", "categories")
            .Select(item => FrontMatter.ItemString(item, "tag", "name", "label", "title"))
            .SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (Get(header, "Topics", "Tags", "Keywords") is { } topics)
            tags.AddRange(topics.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return tags.Select(t => TextNormalizer.Normalize(t)).Where(t => t.Length is > 0 and <= 100)
                   .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<Author> Authors(FrontMatter frontMatter, Dictionary<string, string> header)
    {
        var authors = frontMatter.GetList("authors", "author")
            .Select(item => (Name: FrontMatter.ItemString(item, "name", "author"), Role: FrontMatter.ItemString(item, "role", "title", "position")))
            .Where(a => !string.IsNullOrWhiteSpace(a.Name))
            .Select(a => new Author(TextNormalizer.Normalize(a.Name), Clean(a.Role)))
            .ToList();
        if (authors.Count == 0 && Get(header, "Author(s)", "Authors", "Author") is { } names)
        {
            // Catalogue style "Sayler, Kelley M.; Smith, Jo": family name first, people separated by ';'.
            foreach (var person in names.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = person.Split(',', 2, StringSplitOptions.TrimEntries);
                authors.Add(new Author(parts.Length == 2 ? $"{parts[1]} {parts[0]}" : person, null));
            }
        }
        return authors.DistinctBy(a => a.Name).ToList();
    }

    private static List<Link> Links(FrontMatter frontMatter, Dictionary<string, string> header)
    {
        var links = frontMatter.GetList("links", "link", "pdf")
            .Select(item => (Url: FrontMatter.ItemString(item, "link", "url", "href"), Text: FrontMatter.ItemString(item, "link_text", "text", "title", "label")))
            .Where(l => IsWebLink(l.Url))
            .Select(l => new Link(l.Url!.Trim(), Clean(l.Text)))
            .ToList();
        if (Get(header, "Source") is { } source && MetadataHeader.SplitLink(source) is { Url: { } url } && IsWebLink(url))
            links.Add(new Link(url, "Source"));
        return links.DistinctBy(l => l.Url).ToList();
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Publishers named by the host of a report's source link, for converted reports that do not name them.</summary>
    private static readonly Dictionary<string, string> KnownPublisherHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gao.gov"] = "U.S. Government Accountability Office",
        ["congress.gov"] = "Congressional Research Service",
        ["crsreports.congress.gov"] = "Congressional Research Service",
    };

    private static string? Publisher(FrontMatter frontMatter, Dictionary<string, string> header)
    {
        if (Clean(frontMatter.GetString("publisher", "organisation", "organization", "source")) is { } named) return named;
        if (Get(header, "Publisher") is { } publisher) return Clean(publisher);
        if (Get(header, "Source") is not { } source) return null;
        var (text, url) = MetadataHeader.SplitLink(source);
        if (url is null) return Clean(text);
        if (text != url) return Clean(text);
        var host = new Uri(url).Host;
        return KnownPublisherHosts.FirstOrDefault(p => host.Equals(p.Key, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + p.Key, StringComparison.OrdinalIgnoreCase)).Value
               ?? host;
    }

    private static string? DocumentType(FrontMatter frontMatter, Dictionary<string, string> header, IReadOnlyList<string> tags)
    {
        if (Clean(frontMatter.GetString("type", "product_type", "document_type", "doctype")) is { } type) return type;
        if (Get(header, "Product Type", "Type") is { } productType) return Clean(productType);
        if (Get(header, "Report") is not null) return "Report";
        return tags.FirstOrDefault(t => DocumentKind().IsMatch(t));
    }

    private static string? Summary(FrontMatter frontMatter, IReadOnlyList<SectionDraft> sections)
    {
        if (Clean(frontMatter.GetString("abstract", "summary", "excerpt", "description")) is { } given) return given;
        var fromSummary = sections.Where(s => s.Role == SectionRole.Summary)
            .SelectMany(s => s.Blocks).FirstOrDefault(b => b.Kind == MarkdownBlockKind.Paragraph && MarkdownSectionReader.WordCount(b.Text) >= 15);
        var first = fromSummary ?? sections.SelectMany(s => s.Blocks)
            .FirstOrDefault(b => b.Kind == MarkdownBlockKind.Paragraph && MarkdownSectionReader.WordCount(b.Text) >= 20);
        return first is null ? null : Shorten(TextNormalizer.Normalize(first.Text), 700);
    }

    /// <summary>Cuts at the last sentence end before <paramref name="limit"/> characters.</summary>
    private static string Shorten(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = text.LastIndexOf(". ", limit, StringComparison.Ordinal);
        return cut > limit / 3 ? text[..(cut + 1)] : text[..limit].TrimEnd() + "…";
    }

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy", "M/d/yyyy", "MMMM d, yyyy", "MMM d, yyyy", "d MMMM yyyy", "yyyy/MM/dd"];

    private static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (DateTime.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact))
            return DateOnly.FromDateTime(exact);
        return DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var loose)
            ? DateOnly.FromDateTime(loose)
            : null;
    }

    private static string? Get(Dictionary<string, string> header, params string[] keys) =>
        keys.Select(k => header.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string? Clean(string? value)
    {
        var normalized = TextNormalizer.Normalize(value);
        return normalized.Length == 0 ? null : normalized;
    }

    [GeneratedRegex(@"-{2,}")]
    private static partial Regex DashRuns();

    [GeneratedRegex(@"^#[ \t]+(?<title>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex AtxTitle();

    [GeneratedRegex(@"(^|\n)\s*(#{1,6} |[*\-+] |\d+\. )|\*\*[^*]+\*\*")]
    private static partial Regex MarkdownSyntax();

    [GeneratedRegex(@"\b(brief|report|paper|note|insight|in focus|testimony|primer|memo|analysis)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentKind();
}
