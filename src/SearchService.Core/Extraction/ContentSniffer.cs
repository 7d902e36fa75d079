using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Decides what a file holds from its first bytes, not its name: <c>%PDF-</c> is a PDF, an HTML
/// doctype or <c>&lt;html&gt;</c> is a web page, front matter or Markdown syntax is Markdown, other
/// text is plain text. Archives, images, executables and other binary files are refused with a
/// reason that names what they are.
/// </summary>
internal static partial class ContentSniffer
{
    /// <summary>How far into a file the PDF header may start (the format allows leading junk).</summary>
    private const int PdfHeaderWindow = 1024;

    private const int BinaryProbeBytes = 8192;

    private static readonly (byte[] Magic, int Offset, string What)[] BinarySignatures =
    [
        ("PK\u0003\u0004"u8.ToArray(), 0, "a ZIP archive, a binary file, not a brief (Word, Excel, PowerPoint and EPUB files are ZIP archives too); export it as PDF, HTML or Markdown"),
        ("PK\u0005\u0006"u8.ToArray(), 0, "an empty ZIP archive, a binary file, not a brief"),
        ([0x1F, 0x8B], 0, "a gzip-compressed binary file; decompress it first"),
        ("1AY&SY"u8.ToArray(), 4, "a bzip2-compressed binary file; decompress it first"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], 0, "a 7-Zip archive, a binary file, not a brief"),
        ("Rar!\u001A\u0007"u8.ToArray(), 0, "a RAR archive, a binary file, not a brief"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "a PNG image, a binary file with no text to index"),
        ([0xFF, 0xD8, 0xFF], 0, "a JPEG image, a binary file with no text to index"),
        ("GIF8"u8.ToArray(), 0, "a GIF image, a binary file with no text to index"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "an old Microsoft Office document (.doc/.xls/.ppt), a binary file; export it as PDF, HTML or Markdown"),
        ([0x7F, 0x45, 0x4C, 0x46], 0, "an executable (ELF), a binary file, not a brief"),
        ("{\\rtf"u8.ToArray(), 0, "an RTF document; export it as PDF, HTML or Markdown"),
        ("%!PS"u8.ToArray(), 0, "a PostScript file; convert it to PDF"),
    ];

    private static readonly string[] MarkdownExtensions = [".md", ".markdown", ".mdown", ".mkd"];
    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml"];

    /// <summary>The format of <paramref name="bytes"/>; throws <see cref="BriefExtractionException"/> for files that hold no brief.</summary>
    public static SourceFormat Detect(ReadOnlySpan<byte> bytes, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        foreach (var (magic, offset, what) in BinarySignatures)
        {
            if (bytes.Length >= offset + magic.Length && bytes.Slice(offset, magic.Length).SequenceEqual(magic))
                throw new BriefExtractionException(fileName, $"is {what}");
        }

        if (bytes[..Math.Min(bytes.Length, PdfHeaderWindow)].IndexOf("%PDF-"u8) >= 0) return SourceFormat.Pdf;

        var head = Head(bytes);
        if (extension == ".pdf")
        {
            // A PDF is binary; a ".pdf" that is text is almost always a failed download saved under the PDF's name.
            var what = IsHtml(head, extension) ? $"an HTML page{TitleOf(head)}" : "text";
            throw new BriefExtractionException(fileName, $"is named .pdf but holds {what}, not a PDF (a failed download?); fetch the PDF again, or give the file the extension of what it holds");
        }
        if (!IsUtf16(bytes) && bytes[..Math.Min(bytes.Length, BinaryProbeBytes)].IndexOf((byte)0) >= 0)
            throw new BriefExtractionException(fileName, "contains NUL bytes: this is a binary file, not a brief");

        if (IsHtml(head, extension)) return SourceFormat.Html;
        if (MarkdownExtensions.Contains(extension)) return SourceFormat.Markdown;
        return SourceFormat.Text; // Markdown without a Markdown extension is told apart once the text is decoded.
    }

    /// <summary>True when text that came without a Markdown extension is written in Markdown (front matter, headings, links, emphasis, tables).</summary>
    public static bool LooksLikeMarkdown(string text)
    {
        var sample = text.Length > 65536 ? text[..65536] : text;
        return sample.StartsWith("---\n", StringComparison.Ordinal) || sample.StartsWith("---\r\n", StringComparison.Ordinal)
               || MarkdownSyntax().IsMatch(sample);
    }

    /// <summary>True when the bytes start with a UTF-16 byte order mark.</summary>
    public static bool IsUtf16(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF);

    private static string Head(ReadOnlySpan<byte> bytes)
    {
        var window = bytes[..Math.Min(bytes.Length, BinaryProbeBytes)];
        var text = IsUtf16(window)
            ? (window[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(window[2..])
            : Encoding.Latin1.GetString(window);
        return text.TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
    }

    private static bool IsHtml(string head, string extension)
    {
        var start = LeadingComments().Replace(head, "").TrimStart();
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return true;
        if (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && head.Contains("<html", StringComparison.OrdinalIgnoreCase))
            return true;
        return HtmlExtensions.Contains(extension) && start.StartsWith('<');
    }

    private static string TitleOf(string head)
    {
        var title = HtmlTitle().Match(head);
        return title.Success ? $" titled '{TextNormalizer.Normalize(title.Groups["title"].Value)}'" : "";
    }

    [GeneratedRegex(@"^(\s*<!--.*?-->)+", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"<title[^>]*>(?<title>[^<]{1,200})</title>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTitle();

    [GeneratedRegex(@"^#{1,6}[ \t]+\S|\[[^\]\n]{1,300}\]\([^)\s]{1,2000}\)|\*\*[^*\n]{1,300}\*\*|^\|.*\|[ \t]*\r?\n\|[ \t:\-|]+\||^```", RegexOptions.Multiline)]
    private static partial Regex MarkdownSyntax();
}
