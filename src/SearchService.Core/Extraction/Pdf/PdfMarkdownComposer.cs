using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// Turns the text blocks of a PDF, in reading order and without running furniture, into Markdown:
/// headings recognised by size and weight, paragraphs rebuilt across line, column and page breaks
/// with hyphenation undone, bullets as list items, superscript note markers dropped and footnotes
/// gathered under "Notes" at the end so they do not split the paragraphs around them.
/// </summary>
internal sealed partial class PdfMarkdownComposer
{
    /// <summary>Markdown beyond this length is not written: a brief is never that long, and the index has no use for more.</summary>
    public const int MaxMarkdownCharacters = 4_000_000;

    private readonly MarkdownWriter _writer = new();
    private readonly double _bodySize;
    private readonly Dehyphenator _dehyphenator;
    private readonly List<string> _footnotes = [];

    private StringBuilder? _open;
    private bool _openIsItem;
    private double _openSize;
    private PdfBlock? _openBlock;
    private bool _lastWrittenWasItem;
    private bool _inContents;
    private PdfBlock? _headingBlock;
    private string? _headingText;

    private PdfMarkdownComposer(double bodySize, Dehyphenator dehyphenator)
    {
        _bodySize = bodySize;
        _dehyphenator = dehyphenator;
    }

    public static string Compose(string title, IReadOnlyList<PdfPageText> pages, double bodySize, Dehyphenator dehyphenator) =>
        new PdfMarkdownComposer(bodySize, dehyphenator).Write(title, pages);

    private string Write(string title, IReadOnlyList<PdfPageText> pages)
    {
        _writer.Heading(1, title);
        var titleLetters = Letters(title);
        foreach (var page in pages)
        {
            if (_writer.Length > MaxMarkdownCharacters) break;
            if (IsContentsPage(page))
            {
                SkipContents();
                continue;
            }
            _inContents = false;
            var (flow, itemStarts) = PdfListMarkers.Assign(SeparateFootnotes(page));
            foreach (var block in flow)
            {
                // The cover repeats the title in large type; it is already the document's heading.
                if (page.Number == 1 && block.Size >= _bodySize * 1.12 && IsPartOfTitle(block.Text, titleLetters)) continue;
                Add(block, itemStarts);
            }
        }
        FlushHeading();
        FlushOpen();
        if (_footnotes.Count > 0)
        {
            _writer.EndList();
            _writer.Heading(2, "Notes");
            foreach (var note in _footnotes) _writer.Paragraph(note);
        }
        return _writer.ToString();
    }

    /// <summary>
    /// A table of contents is not text to index; its page still ends the section before it (the
    /// highlights page's "What GAO Found" must not run on into the letter).
    /// </summary>
    private void SkipContents()
    {
        if (_inContents) return;
        FlushHeading();
        FlushOpen();
        if (_lastWrittenWasItem) _writer.EndList();
        _writer.Heading(2, "Contents");
        _lastWrittenWasItem = false;
        _inContents = true;
    }

    private void Add(PdfBlock block, HashSet<PdfLine> itemStarts)
    {
        var lines = block.Lines.Where(l => !IsSuperscript(l, block.Size)).ToList();
        if (lines.Count == 0) return;
        var startsItem = itemStarts.Contains(lines[0]);
        if (!startsItem && (IsHeading(lines, block) || ContinuesHeading(block, lines)))
        {
            AddHeading(block, lines);
            return;
        }
        var start = startsItem ? 0 : LeadingHeadingLines(block, lines);
        FlushHeading();
        AddLines(block, lines, start, itemStarts);
        _openBlock = block;
    }

    /// <summary>A bold heading set on the first line or two of a paragraph's block ("Overview of H.R. 7567 Trade Provisions"): how many lines it takes.</summary>
    private int LeadingHeadingLines(PdfBlock block, List<PdfLine> lines)
    {
        var bold = 0;
        while (bold < Math.Min(2, lines.Count - 1) && lines[bold].Bold) bold++;
        if (bold == 0 || lines[bold].StartsBold || !IsHeadingText(string.Join(" ", lines.Take(bold).Select(l => l.Text)))) return 0;
        AddHeading(block.WithLines(lines.Take(bold).ToList()), lines.Take(bold).ToList());
        return bold;
    }

    /// <summary>Adds lines to the open paragraph or list item, starting new ones where markers or layout say.</summary>
    private void AddLines(PdfBlock block, List<PdfLine> lines, int start, HashSet<PdfLine> itemStarts)
    {
        for (var i = start; i < lines.Count; i++)
        {
            var line = lines[i];
            var bullet = LeadingBullet().Match(line.Text);
            if (bullet.Success)
                StartOpen(line.Text[bullet.Length..], item: true, line.Size);
            else if (itemStarts.Contains(line) || i > start && NumberedItem().IsMatch(line.Text) && _open is not null && EndsClause(_open))
                StartOpen(line.Text, item: true, line.Size);
            else if (_open is not null && (i > start || ContinuesOpen(line, block)))
                _dehyphenator.AppendJoined(_open, line.Text);
            else
                StartOpen(line.Text, item: false, line.Size);
        }
    }

    /// <summary>
    /// A block that starts where the open paragraph left off: no sentence end yet, same type size, no
    /// new bold lead-in, and placed where a paragraph goes on (the next page, the top of the next
    /// column, or right below).
    /// </summary>
    private bool ContinuesOpen(PdfLine first, PdfBlock block)
    {
        if (_open is null || EndsParagraph(_open) || Math.Abs(first.Size - _openSize) > 0.6 || first.StartsBold && !_openIsItem) return false;
        if (_openBlock is not { } previous || previous.Page != block.Page) return true;
        return block.Top > previous.Bottom + 2 || previous.Bottom - block.Top <= 1.2 * first.Size;
    }

    private void StartOpen(string text, bool item, double size)
    {
        FlushOpen();
        _open = new StringBuilder(text.Trim());
        _openIsItem = item;
        _openSize = size;
    }

    private void FlushOpen()
    {
        if (_open is null) return;
        var text = _open.ToString();
        if (_openIsItem)
        {
            _writer.ListItem(text);
        }
        else
        {
            if (_lastWrittenWasItem) _writer.EndList();
            _writer.Paragraph(text);
        }
        _lastWrittenWasItem = _openIsItem;
        _open = null;
    }

    /// <summary>A heading set on several lines is often segmented as several blocks: the lines below a heading in its type continue it.</summary>
    private bool ContinuesHeading(PdfBlock block, List<PdfLine> lines) =>
        _headingBlock is { } previous && previous.Page == block.Page && Math.Abs(previous.Size - block.Size) < 0.6
        && previous.Bold == block.Bold && Math.Abs(previous.Left - block.Left) < 3
        && previous.Bottom - block.Top < 1.6 * block.Size && previous.Bottom > block.Top - block.Size
        && lines.Count <= 3 && MarkdownSectionReader.WordCount(_headingText + " " + string.Join(" ", lines.Select(l => l.Text))) <= 24
        && !lines[^1].Text.EndsWith('.');

    private void AddHeading(PdfBlock block, List<PdfLine> lines)
    {
        var text = string.Join(" ", lines.Select(l => l.Text));
        if (ContinuesHeading(block, lines))
        {
            _headingText += " " + text;
            _headingBlock = block;
            return;
        }
        FlushHeading();
        FlushOpen();
        _headingBlock = block;
        _headingText = text;
    }

    private void FlushHeading()
    {
        if (_headingBlock is null || _headingText is null) return;
        if (_lastWrittenWasItem) _writer.EndList();
        var level = _headingBlock.Size >= _bodySize * 1.5 ? 2 : _headingBlock.Size >= _bodySize * 1.12 ? 3 : 4;
        _writer.Heading(level, _headingText);
        _lastWrittenWasItem = false;
        _headingBlock = null;
        _headingText = null;
    }

    /// <summary>Short text in larger type (up to eight lines, as margin headings run), or a few lines in bold body type.</summary>
    private bool IsHeading(List<PdfLine> lines, PdfBlock block)
    {
        if (lines.Count > 8 || !IsHeadingText(string.Join(" ", lines.Select(l => l.Text)))) return false;
        var size = lines.Max(l => l.Size);
        if (size >= _bodySize * 1.12 && lines.All(l => l.Size >= _bodySize * 1.12)) return true;
        return lines.Count <= 3 && lines.All(l => l.Bold) && size >= _bodySize * 0.98 && block.Size >= _bodySize * 0.98;
    }

    private static bool IsHeadingText(string text)
    {
        if (text.Length == 0 || !text.Any(char.IsLetter) || char.IsLower(text[0])) return false;
        if (MarkdownSectionReader.WordCount(text) > 20 || Caption().IsMatch(text)) return false;
        return !HeadingEnd().IsMatch(text);
    }

    private static bool IsSuperscript(PdfLine line, double blockSize) =>
        line.Size < blockSize * 0.75 && line.Text.Length <= 4;

    /// <summary>
    /// Takes the page's footnotes out of its flow: small type after a superscript marker, low on the page.
    /// </summary>
    private List<PdfBlock> SeparateFootnotes(PdfPageText page)
    {
        var kept = new List<PdfBlock>();
        var inNotes = false;
        string? marker = null;
        foreach (var block in page.Blocks)
        {
            if (block.Lines.All(l => l.Size < _bodySize * 0.75 && NoteMarker().IsMatch(l.Text)))
            {
                marker = block.Text;
                continue;
            }
            var small = block.Size <= _bodySize * 0.9 && block.Top < page.Height * 0.45;
            if (small && (marker is not null || inNotes))
            {
                var text = _dehyphenator.Join(block.Lines.Where(l => !IsSuperscript(l, block.Size)).Select(l => l.Text));
                if (marker is not null) _footnotes.Add($"{marker}. {text}");
                else if (_footnotes.Count > 0) _footnotes[^1] += " " + text;
                inNotes = true;
                marker = null;
                continue;
            }
            marker = null;
            inNotes = false;
            kept.Add(block);
        }
        return kept;
    }

    private bool IsContentsPage(PdfPageText page) =>
        page.Blocks.Take(12).Any(b => b.Size >= _bodySize && ContentsHeading().IsMatch(b.Text));

    private static bool EndsParagraph(StringBuilder text)
    {
        var end = text.Length - 1;
        while (end >= 0 && text[end] is '"' or '\'' or ')' or ']' or '\u201D' or '\u2019') end--;
        return end >= 0 && text[end] is '.' or '!' or '?' or ':';
    }

    private static bool EndsClause(StringBuilder text) =>
        EndsParagraph(text) || text.Length > 0 && text[^1] == ';';

    private static string Letters(string text) => new(text.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static bool IsPartOfTitle(string text, string titleLetters)
    {
        var letters = Letters(text);
        return letters.Length >= 6 && titleLetters.Contains(letters, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[\u2022\u25CF\u25AA\u25A0\u25E6\u2023\u2043\uF0B7\uF0A7\u00B7]\s*")]
    private static partial Regex LeadingBullet();

    [GeneratedRegex(@"^\d{1,2}[.)]\s+\S")]
    private static partial Regex NumberedItem();

    [GeneratedRegex(@"^(\d{1,3}|[*\u2020\u2021a-z])$")]
    private static partial Regex NoteMarker();

    [GeneratedRegex(@"[.,;:]$")]
    private static partial Regex HeadingEnd();

    [GeneratedRegex(@"^(Figure|Table|Exhibit|Chart|Map|Source|Sources|Note|Notes)\s*\d*[.:]", RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(Table of )?Contents$", RegexOptions.IgnoreCase)]
    private static partial Regex ContentsHeading();
}
