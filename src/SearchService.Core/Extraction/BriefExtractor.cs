using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>
/// Turns a publication file into a <see cref="Brief"/>. One obvious entry point,
/// <see cref="Extract(string)"/>: what the file holds is decided from its content (PDF, HTML page,
/// Markdown or plain text), and every format is converted to Markdown and read by the same section,
/// finding and recommendation extraction. Every failure is a <see cref="BriefExtractionException"/>
/// that names the file and the reason.
/// </summary>
public static partial class BriefExtractor
{
    /// <summary>Files larger than this are refused before a byte is read: no brief is that long, and reading it would cost memory.</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    private static readonly string[] BriefExtensions = [".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".pdf", ".html", ".htm", ".xhtml"];

    /// <summary>
    /// True when <paramref name="path"/> has an extension that briefs are published with, so a folder
    /// scan picks it up. A file given by name is read whatever its extension: its content decides.
    /// </summary>
    public static bool IsSupported(string path) =>
        BriefExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads and extracts one file, refusing it by its size before reading it.</summary>
    public static Brief Extract(string path)
    {
        var name = Path.GetFileName(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BriefExtractionException(name, "file not found", e);
        }
        byte[] bytes;
        using (stream)
        {
            if (stream.Length > MaxFileBytes) throw TooLarge(name, stream.Length);
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            // The file may have grown since its length was read; what is past the limit is never read.
            if (stream.ReadByte() >= 0) throw TooLarge(name, stream.Length);
        }
        return Extract(bytes, name);
    }

    /// <summary>Extracts a brief from the bytes of a file called <paramref name="fileName"/>; the content decides the format.</summary>
    public static Brief Extract(byte[] bytes, string fileName)
    {
        if (bytes.LongLength > MaxFileBytes) throw TooLarge(fileName, bytes.LongLength);
        switch (ContentSniffer.Detect(bytes, fileName))
        {
            case SourceFormat.Pdf:
                return FromConverted(Pdf.PdfBriefConverter.Convert(bytes, fileName), fileName, "pdf");
            case SourceFormat.Html:
                return FromConverted(Html.HtmlBriefConverter.Convert(bytes, fileName), fileName, "html");
            case SourceFormat.Markdown:
                return ExtractMarkdown(DecodeText(bytes, fileName), fileName);
            default:
                var text = DecodeText(bytes, fileName);
                return ContentSniffer.LooksLikeMarkdown(text)
                    ? ExtractMarkdown(text, fileName)
                    : FromConverted(Text.PlainTextConverter.Convert(text, fileName), fileName, "text");
        }
    }

    /// <summary>Extracts a brief from Markdown text (with optional YAML front matter).</summary>
    public static Brief ExtractMarkdown(string markdown, string fileName) =>
        Build(markdown, fileName, "markdown", DocumentMetadata.None);

    private static Brief FromConverted(ConvertedDocument document, string fileName, string format) =>
        Build(document.Markdown, fileName, format, document.Metadata);

    private static BriefExtractionException TooLarge(string fileName, long length) =>
        new(fileName, $"file is {length / (1024.0 * 1024.0):F0} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB");

    /// <summary>Text as UTF-8 (or UTF-16 with a byte order mark), refusing bytes that are not.</summary>
    private static string DecodeText(byte[] bytes, string fileName)
    {
        string text;
        try
        {
            text = ContentSniffer.IsUtf16(bytes)
                ? (bytes[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true)).GetString(bytes, 2, bytes.Length - 2)
                : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new BriefExtractionException(fileName, $"not valid UTF-8 text (bad byte at offset {e.Index}); save the file as UTF-8", e);
        }
        if (text.Contains('\0'))
            throw new BriefExtractionException(fileName, "contains NUL bytes: this is a binary file, not Markdown");
        return text.TrimStart('\uFEFF');
    }

    private static Brief Build(string markdown, string fileName, string format, DocumentMetadata metadata)
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
                    ?? Clean(metadata.Title)
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
        var tags = Tags(frontMatter, header, metadata);

        return new Brief
        {
            Id = Id(frontMatter, fileName),
            Title = title,
            Date = ParseDate(frontMatter.GetString("report_date", "date", "published", "publication_date", "pub_date")
                             ?? Get(header, "Published", "Publication Date", "Date"))
                   ?? ParseDate(metadata.Date),
            Publisher = Publisher(frontMatter, header) ?? Clean(metadata.Publisher),
            Type = NormalizeType(DocumentType(frontMatter, header, tags, metadata)),
            Tags = tags,
            Authors = Authors(frontMatter, header, metadata) is { Count: > 0 } named
                ? named
                : ClosingAuthorLines.Read(body).Select(n => new Author(n, null)).ToList(),
            Links = Links(frontMatter, header, metadata),
            Summary = Summary(frontMatter, indexed, metadata),
            Body = bodyText,
            Sections = indexed.Select(s => new Section(s.Heading, s.Text, s.Role, s.Origin)).ToList(),
            Findings = findings,
            Recommendations = recommendations,
            Source = fileName,
            Format = format,
            LinkedPdfNames = LinkedPdfNames(frontMatter, markdown),
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

    /// <summary>
    /// Extracts a small built-in brief (returned, for tests): the first extraction of a process compiles the Markdown
    /// and YAML readers and the extraction's regular expressions (~0.24 s of the first upload after a restart at
    /// 20,000 briefs), so the service calls this at start, off the request path.
    /// </summary>
    public static Brief WarmUp() => ExtractMarkdown(WarmUpBrief, "warm-up.md");

    private const string WarmUpBrief = """
        ---
        title: "Water Infrastructure: Rural Systems Need Better Planning"
        date: 2026-01-15
        publisher: Example Office
        authors: [A. Writer]
        tags: [water, infrastructure]
        type: report
        ---

        # Summary

        Rural water systems serve millions of households, and many of them face aging pipes and rising costs.

        ## Key Findings

        - Most systems reported deferred maintenance of more than ten years.
        - Federal loans reached fewer small systems than planned.

        ## Recommendations

        1. The agency should simplify its loan application for small systems.
        2. The agency should track deferred maintenance across states.

        Contact: A. Writer, (202) 512-0000.
        """;

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

    private static List<string> Tags(FrontMatter frontMatter, Dictionary<string, string> header, DocumentMetadata metadata)
    {
        var tags = frontMatter.GetList("tags", "keywords", "topics", "categories")
            .Select(item => FrontMatter.ItemString(item, "tag", "name", "label", "title"))
            .SelectMany(t => (t ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (Get(header, "Topics", "Tags", "Keywords") is { } topics)
            tags.AddRange(topics.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (tags.Count == 0) tags.AddRange(metadata.Keywords);
        return tags.Select(t => TextNormalizer.Normalize(t)).Where(t => t.Length is > 0 and <= 100)
                   .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<Author> Authors(FrontMatter frontMatter, Dictionary<string, string> header, DocumentMetadata metadata)
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
        if (authors.Count == 0)
            authors.AddRange(metadata.Authors.Select(a => TextNormalizer.Normalize(a)).Where(a => a.Length > 0).Select(a => new Author(a, null)));
        return authors.DistinctBy(a => a.Name).ToList();
    }

    private static List<Link> Links(FrontMatter frontMatter, Dictionary<string, string> header, DocumentMetadata metadata)
    {
        var links = frontMatter.GetList("links", "link", "pdf")
            .Select(item => (Url: FrontMatter.ItemString(item, "link", "url", "href"), Text: FrontMatter.ItemString(item, "link_text", "text", "title", "label")))
            .Where(l => IsWebLink(l.Url))
            .Select(l => new Link(l.Url!.Trim(), Clean(l.Text)))
            .ToList();
        if (Get(header, "Source") is { } source && MetadataHeader.SplitLink(source) is { Url: { } url } && IsWebLink(url))
            links.Add(new Link(url, "Source"));
        links.AddRange(metadata.Links.Where(l => IsWebLink(l.Url)));
        return links.DistinctBy(l => l.Url).ToList();
    }

    private static bool IsWebLink(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? Publisher(FrontMatter frontMatter, Dictionary<string, string> header)
    {
        if (Clean(frontMatter.GetString("publisher", "organisation", "organization", "source")) is { } named) return named;
        if (Get(header, "Publisher") is { } publisher) return Clean(publisher);
        if (Get(header, "Source") is not { } source) return null;
        var (text, url) = MetadataHeader.SplitLink(source);
        if (url is null) return Clean(text);
        if (text != url) return Clean(text);
        var host = new Uri(url).Host;
        return KnownPublishers.FromHost(host) ?? host;
    }

    private static string? DocumentType(FrontMatter frontMatter, Dictionary<string, string> header, IReadOnlyList<string> tags, DocumentMetadata metadata)
    {
        if (Clean(frontMatter.GetString("type", "product_type", "document_type", "doctype")) is { } type) return type;
        if (Get(header, "Product Type", "Type") is { } productType) return Clean(productType);
        if (Get(header, "Report") is not null) return "Report";
        if (Clean(metadata.Type) is { } given) return given;
        return tags.FirstOrDefault(t => DocumentKind().IsMatch(t));
    }

    /// <summary>One kind of document is one facet value: "Reports" and "report" are both "Report".</summary>
    public static string? NormalizeType(string? type)
    {
        if (Clean(type) is not { } value) return null;
        if (value == value.ToLowerInvariant() || value == value.ToUpperInvariant())
            value = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value.ToLowerInvariant());
        var lastSpace = value.LastIndexOf(' ');
        var last = value[(lastSpace + 1)..];
        return value[..(lastSpace + 1)] + Singular(last);
    }

    private static readonly HashSet<string> InvariantPlurals = new(StringComparer.OrdinalIgnoreCase) { "News", "Series", "Proceedings", "Minutes", "Statistics", "Economics", "Politics" };

    private static string Singular(string word)
    {
        if (word.Length <= 3 || InvariantPlurals.Contains(word) || !char.IsLetter(word[^1])) return word;
        if (word.EndsWith("ies", StringComparison.OrdinalIgnoreCase)) return word[..^3] + (char.IsUpper(word[^1]) ? "Y" : "y");
        if (word.EndsWith("ss", StringComparison.OrdinalIgnoreCase) || word.EndsWith("us", StringComparison.OrdinalIgnoreCase) || word.EndsWith("is", StringComparison.OrdinalIgnoreCase))
            return word;
        if (word.EndsWith("ses", StringComparison.OrdinalIgnoreCase) || word.EndsWith("xes", StringComparison.OrdinalIgnoreCase) || word.EndsWith("ches", StringComparison.OrdinalIgnoreCase) || word.EndsWith("shes", StringComparison.OrdinalIgnoreCase))
            return word[..^2];
        return word.EndsWith('s') || word.EndsWith('S') ? word[..^1] : word;
    }

    private static string? Summary(FrontMatter frontMatter, IReadOnlyList<SectionDraft> sections, DocumentMetadata metadata)
    {
        if (Clean(frontMatter.GetString("abstract", "summary", "excerpt", "description")) is { } given) return given;
        if (Clean(metadata.Description) is { } described) return Shorten(described, 700);
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

    /// <summary>
    /// File names of the PDFs the brief links (in front matter or anywhere in its Markdown), so a
    /// folder that holds a brief and its PDF indexes the brief once.
    /// </summary>
    private static List<string> LinkedPdfNames(FrontMatter frontMatter, string markdown)
    {
        var targets = frontMatter.StringFields().Select(f => f.Value)
            .Concat(frontMatter.GetList("links", "link", "pdf").Select(item => FrontMatter.ItemString(item, "link", "url", "href") ?? ""))
            .Concat(PdfLinkTarget().Matches(markdown).Select(m => m.Value));
        var names = new List<string>();
        foreach (var target in targets)
        {
            var path = target.Trim().Split('?', '#')[0];
            if (!path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) continue;
            var name = Uri.UnescapeDataString(path[(path.LastIndexOfAny(['/', '\\']) + 1)..]);
            if (name.Length > 4) names.Add(name.ToLowerInvariant());
        }
        return names.Distinct().ToList();
    }

    [GeneratedRegex(@"[^\s()<>\[\]""']+\.pdf\b", RegexOptions.IgnoreCase)]
    private static partial Regex PdfLinkTarget();

    [GeneratedRegex(@"-{2,}")]
    private static partial Regex DashRuns();

    [GeneratedRegex(@"^#[ \t]+(?<title>.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex AtxTitle();

    [GeneratedRegex(@"(^|\n)\s*(#{1,6} |[*\-+] |\d+\. )|\*\*[^*]+\*\*")]
    private static partial Regex MarkdownSyntax();

    [GeneratedRegex(@"\b(brief|report|paper|note|insight|in focus|testimony|primer|memo|analysis)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentKind();
}
