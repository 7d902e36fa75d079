using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SearchService.Core.Briefs;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// Converts a PDF into Markdown for the shared extraction pipeline: text in reading order, running
/// headers, footers and page numbers removed, paragraphs and headings rebuilt; title, date,
/// authors and publisher from the text and the PDF's document information.
/// </summary>
internal static partial class PdfBriefConverter
{
    /// <summary>Pages beyond this are not read: briefs and reports are shorter, and reading costs time.</summary>
    public const int MaxPages = 600;

    /// <summary>Reading stops after this long, keeping the pages read so far, so a pathological file cannot hold up indexing.</summary>
    public static readonly TimeSpan MaxReadingTime = TimeSpan.FromSeconds(120);

    private const int MaxUnreadablePagesInARow = 3;

    private static readonly string[] OrganisationWords =
        ["office", "service", "agency", "department", "institute", "university", "government", "committee", "council", "center", "centre", "bureau", "administration", "commission", "foundation", "association", "inc", "ltd", "llc", "corporation", "library", "ministry", "board"];

    public static ConvertedDocument Convert(byte[] bytes, string fileName)
    {
        using var document = Open(bytes, fileName);
        var pages = ReadPages(document, fileName);
        var characters = pages.Sum(p => p.Blocks.Sum(b => b.Characters));
        if (characters == 0)
            throw new BriefExtractionException(fileName, "is a PDF with no text layer (scanned pages?); run it through OCR first");

        var publisherFromLinks = PublisherFromLinks(pages);
        var clean = RunningFurniture.Remove(pages);
        var lines = clean.SelectMany(p => p.Blocks).SelectMany(b => b.Lines).ToList();
        var bodySize = lines.GroupBy(l => Math.Round(l.Size * 2) / 2).MaxBy(g => g.Sum(l => l.Text.Length))?.Key ?? 10;
        var dehyphenator = new Dehyphenator(lines.Select(l => l.Text));

        var information = document.Information;
        var title = TitleFromInformation(information.Title, clean) ?? TitleFromText(clean, bodySize) ?? Path.GetFileNameWithoutExtension(fileName);
        var (authors, organisation) = ReadAuthor(information.Author);
        var metadata = new DocumentMetadata
        {
            Title = title,
            Date = DateFromText(clean) ?? CreationDate(information),
            Publisher = organisation ?? publisherFromLinks,
            Authors = authors,
            Keywords = Keywords(information.Keywords),
            Description = MarkdownSectionReader.WordCount(information.Subject ?? "") >= 8 ? information.Subject : null,
            Type = TypeFromCover(clean),
        };
        var markdown = PdfMarkdownComposer.Compose(title, clean, bodySize, dehyphenator);
        return new ConvertedDocument(markdown, metadata);
    }

    private static PdfDocument Open(byte[] bytes, string fileName)
    {
        try
        {
            return PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw Encrypted(fileName, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new BriefExtractionException(fileName, $"is not a readable PDF, perhaps truncated or damaged ({Describe(e)})", e);
        }
    }

    private static List<PdfPageText> ReadPages(PdfDocument document, string fileName)
    {
        int count;
        try
        {
            count = document.NumberOfPages;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new BriefExtractionException(fileName, $"is not a readable PDF: its page tree is broken ({Describe(e)})", e);
        }
        if (count == 0) throw new BriefExtractionException(fileName, "is a PDF with no pages");

        var pages = new List<PdfPageText>();
        var clock = Stopwatch.StartNew();
        var unreadable = 0;
        for (var number = 1; number <= Math.Min(count, MaxPages) && clock.Elapsed < MaxReadingTime; number++)
        {
            try
            {
                var page = document.GetPage(number);
                pages.Add(new PdfPageText(number, page.Width, page.Height, PdfPageReader.Read(page, number)));
                unreadable = 0;
            }
            catch (PdfDocumentEncryptedException e)
            {
                throw Encrypted(fileName, e);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A damaged page is left out; a run of them is a truncated file, whose readable pages are kept.
                unreadable++;
                if (pages.Count == 0 && (unreadable >= MaxUnreadablePagesInARow || number == count))
                    throw new BriefExtractionException(fileName, $"is not a readable PDF, perhaps truncated or damaged: its pages cannot be read ({Describe(e)})", e);
                if (unreadable >= MaxUnreadablePagesInARow) break;
            }
        }
        if (pages.Count == 0)
            throw new BriefExtractionException(fileName, "is not a readable PDF, perhaps truncated or damaged: none of its pages can be read");
        return pages;
    }

    private static BriefExtractionException Encrypted(string fileName, Exception e) =>
        new(fileName, "is an encrypted PDF (password-protected); publish a copy without a password", e);

    private static string Describe(Exception e) => TextNormalizer.Normalize(e.Message) is { Length: > 0 } message
        ? message.Length > 160 ? message[..160] + "…" : message
        : e.GetType().Name;

    /// <summary>The document-information title, when it reads as a title and the text bears it out.</summary>
    private static string? TitleFromInformation(string? raw, IReadOnlyList<PdfPageText> pages)
    {
        var title = TextNormalizer.Normalize(raw);
        if (title.Length == 0 || FileLikeTitle().IsMatch(title)) return null;
        title = ReportNumberPrefix().Replace(title, "").Trim();
        var colon = title.IndexOf(':');
        var lead = colon > 0 ? title[..colon] : title;
        if (lead.Any(char.IsLetter) && lead.Where(char.IsLetter).All(char.IsUpper) && lead.Count(char.IsLetter) > 3)
            title = TitleCase(lead) + title[lead.Length..];
        if (MarkdownSectionReader.WordCount(title) < 2) return null;

        // A stale title left by a template names nothing the first pages say.
        var opening = string.Join(" ", pages.Take(3).SelectMany(p => p.Blocks).Select(b => b.Text)).ToLowerInvariant();
        var words = Word().Matches(title.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 3).ToList();
        return words.Count == 0 || words.Count(w => opening.Contains(w, StringComparison.Ordinal)) * 10 >= words.Count * 6 ? title : null;
    }

    /// <summary>The largest type on the first page that holds more than one word.</summary>
    private static string? TitleFromText(IReadOnlyList<PdfPageText> pages, double bodySize)
    {
        var first = pages.FirstOrDefault(p => p.Blocks.Count > 0);
        if (first is null) return null;
        var candidates = first.Blocks.Where(b => MarkdownSectionReader.WordCount(b.Text) >= 2 && b.Size >= bodySize).ToList();
        if (candidates.Count == 0) return null;
        var largest = candidates.Max(b => b.Size);
        var text = TextNormalizer.Normalize(string.Join(" ", candidates.Where(b => b.Size >= largest - 0.5).Select(b => b.Text)));
        return text.Length is > 0 and <= 300 ? text : null;
    }

    /// <summary>"Report" or "Testimony" when the cover says it is one ("Report to Congressional Addressees").</summary>
    private static string? TypeFromCover(IReadOnlyList<PdfPageText> pages)
    {
        var cover = pages.FirstOrDefault()?.Blocks.SelectMany(b => b.Lines) ?? [];
        var match = cover.Select(l => CoverType().Match(l.Text)).FirstOrDefault(m => m.Success);
        return match is null ? null : TitleCase(match.Groups["type"].Value.ToUpperInvariant());
    }

    private static string TitleCase(string upper)
    {
        string[] minor = ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"];
        var words = upper.ToLowerInvariant().Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i].Length == 0 || i > 0 && minor.Contains(words[i])) continue;
            words[i] = char.ToUpperInvariant(words[i][0]) + words[i][1..];
        }
        return string.Join(' ', words);
    }

    /// <summary>
    /// The publication date the text gives on a line of its own ("September 29, 2006", "Updated April
    /// 21, 2026") in the first pages; a full date wins over a month and year.
    /// </summary>
    private static string? DateFromText(IReadOnlyList<PdfPageText> pages)
    {
        string? monthYear = null;
        foreach (var page in pages.Take(8))
        {
            foreach (var line in page.Blocks.SelectMany(b => b.Lines))
            {
                var match = DateLine().Match(line.Text);
                if (!match.Success) continue;
                if (match.Groups["day"].Success)
                    return $"{match.Groups["month"].Value} {match.Groups["day"].Value}, {match.Groups["year"].Value}";
                if (page.Number <= 3) monthYear ??= $"{match.Groups["month"].Value} 1, {match.Groups["year"].Value}";
            }
        }
        return monthYear;
    }

    private static string? CreationDate(UglyToad.PdfPig.Content.DocumentInformation information)
    {
        try
        {
            return information.GetCreatedDateTimeOffset()?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null; // a malformed date is no date
        }
    }

    /// <summary>People named as the document's author; an organisation there is its publisher.</summary>
    private static (IReadOnlyList<string> Authors, string? Organisation) ReadAuthor(string? raw)
    {
        var author = TextNormalizer.Normalize(BareUrl().Replace(raw ?? "", "")).Trim(' ', ',', ';');
        if (author.Length == 0) return ([], null);
        var words = Word().Matches(author.ToLowerInvariant()).Select(m => m.Value);
        if (words.Any(OrganisationWords.Contains)) return ([], author);
        var people = author.Split([";", " and ", "&"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length is > 1 and <= 100).ToList();
        return (people, null);
    }

    private static IReadOnlyList<string> Keywords(string? raw) =>
        (raw ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(k => !k.Contains(':') && k.Any(char.IsLetter) && k.Length <= 60).ToList();

    /// <summary>A known publisher whose site the pages link, usually in a running footer.</summary>
    private static string? PublisherFromLinks(IReadOnlyList<PdfPageText> pages)
    {
        foreach (var line in pages.SelectMany(p => p.Blocks).SelectMany(b => b.Lines))
        {
            foreach (Match url in HostInText().Matches(line.Text))
            {
                if (KnownPublishers.FromHost(url.Groups["host"].Value) is { } publisher) return publisher;
            }
        }
        return null;
    }

    [GeneratedRegex(@"(\.(docx?|pdf|indd|qxd|rtf|pages)$)|^(microsoft (word|powerpoint)|untitled)|^\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FileLikeTitle();

    [GeneratedRegex(@"^[A-Z]{2,6}-\d{2}-\d{2,6}[A-Z]{0,2}\b\s*[,:\u2013-]?\s*")]
    private static partial Regex ReportNumberPrefix();

    [GeneratedRegex(@"\p{L}[\p{L}'’]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"^((Updated|Published|Issued|Revised|Released|Dated?):?\s+)?(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+((?<day>\d{1,2}),?\s+)?(?<year>(19|20)\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^(?<type>Report|Testimony)\s+(to|before)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CoverType();

    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"(https?://|\bwww\.)(?<host>[a-z0-9.-]+\.[a-z]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex HostInText();
}
