using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction.Text;

/// <summary>
/// Converts plain text into Markdown for the shared extraction pipeline: paragraphs are separated
/// by blank lines and re-joined across hard line breaks (hyphenation undone), bulleted and numbered
/// lines become list items, short title-like lines (or lines underlined with === or ---) become
/// headings, and the first line is the title when it reads as one.
/// </summary>
internal static partial class PlainTextConverter
{
    public static ConvertedDocument Convert(string text, string fileName)
    {
        var paragraphs = BlankLines().Split(text.Replace("\r\n", "\n").Replace('\r', '\n'))
            .Select(p => p.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToList())
            .Where(p => p.Count > 0)
            .ToList();
        var dehyphenator = new Dehyphenator(paragraphs.SelectMany(p => p));
        var writer = new MarkdownWriter();

        string? title = null;
        if (paragraphs.Count > 1 && paragraphs[0].Count <= 2 && UnderlinedOrSingle(paragraphs[0]) is { } first && IsTitleLike(first))
        {
            title = first;
            paragraphs.RemoveAt(0);
        }
        writer.Heading(1, title ?? Path.GetFileNameWithoutExtension(fileName));

        for (var i = 0; i < paragraphs.Count; i++)
        {
            var lines = paragraphs[i];
            var hasNext = i + 1 < paragraphs.Count;
            if (UnderlinedOrSingle(lines) is { } single && hasNext && IsTitleLike(single.TrimEnd(':')) && (lines.Count == 2 || single.EndsWith(':') || MarkdownSectionReader.WordCount(single) <= 10))
            {
                writer.EndList();
                writer.Heading(2, single.TrimEnd(':'));
            }
            else if (ListMarker().IsMatch(lines[0]))
            {
                WriteList(lines, writer, dehyphenator);
            }
            else
            {
                writer.EndList();
                writer.Paragraph(dehyphenator.Join(lines));
            }
        }
        return new ConvertedDocument(writer.ToString(), new DocumentMetadata { Title = title });
    }

    private static void WriteList(List<string> lines, MarkdownWriter writer, Dehyphenator dehyphenator)
    {
        var item = new List<string>();
        foreach (var line in lines)
        {
            var marker = ListMarker().Match(line);
            if (marker.Success)
            {
                if (item.Count > 0) writer.ListItem(dehyphenator.Join(item));
                item = [line[marker.Length..]];
            }
            else
            {
                item.Add(line);
            }
        }
        if (item.Count > 0) writer.ListItem(dehyphenator.Join(item));
    }

    /// <summary>The text of a one-line paragraph, or of a line underlined with === or ---.</summary>
    private static string? UnderlinedOrSingle(List<string> lines)
    {
        if (lines.Count == 1) return lines[0].Trim();
        return lines.Count == 2 && Underline().IsMatch(lines[1]) ? lines[0].Trim() : null;
    }

    private static bool IsTitleLike(string line) =>
        line.Length > 0 && !char.IsLower(line[0]) && line.Any(char.IsLetter) && MarkdownSectionReader.WordCount(line) <= 20
        && !SentenceEnd().IsMatch(line) && !ListMarker().IsMatch(line);

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^\s*([-*+\u2022\u25CF\u25AA\u25E6\u00B7]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\s*(=+|-+)\s*$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"[.,;!]$")]
    private static partial Regex SentenceEnd();
}
