using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Writes the simple Markdown that PDF, HTML and plain-text documents are converted to, so that one
/// reader (<see cref="MarkdownSectionReader"/>) finds the sections, findings and recommendations of
/// every format. Text is escaped: whatever a document says is read as text, never as markup.
/// </summary>
internal sealed partial class MarkdownWriter
{
    /// <summary>List items nested deeper than this are written at this depth: nesting carries no meaning for search.</summary>
    public const int MaxListDepth = 8;

    private readonly StringBuilder _markdown = new();

    /// <summary>Characters written so far, so converters can stop at a size limit.</summary>
    public int Length => _markdown.Length;

    public void Heading(int level, string text)
    {
        var escaped = Escape(text);
        if (escaped.Length == 0) return;
        _markdown.Append('#', Math.Clamp(level, 1, 6)).Append(' ').Append(escaped).Append("\n\n");
    }

    /// <summary>A paragraph of plain text.</summary>
    public void Paragraph(string text) => RawParagraph(Escape(text));

    /// <summary>A paragraph already written as Markdown inline content (escaped text, <c>**bold**</c>, links).</summary>
    public void RawParagraph(string markdown)
    {
        var line = SingleLine(markdown);
        if (line.Length == 0) return;
        _markdown.Append(EscapeLineStart(line)).Append("\n\n");
    }

    /// <summary>A list item of plain text at <paramref name="depth"/> (0 = top level).</summary>
    public void ListItem(string text, int depth = 0) => RawListItem(Escape(text), depth);

    /// <summary>A list item already written as Markdown inline content.</summary>
    public void RawListItem(string markdown, int depth = 0)
    {
        var line = SingleLine(markdown);
        if (line.Length == 0) return;
        _markdown.Append(' ', 2 * Math.Clamp(depth, 0, MaxListDepth)).Append("- ").Append(EscapeLineStart(line)).Append('\n');
        // A blank line after each item would make a loose list, which reads the same; keep lists tight.
    }

    /// <summary>Ends a list, so that a following paragraph is not read as part of its last item.</summary>
    public void EndList()
    {
        if (_markdown.Length > 0 && _markdown[^1] == '\n' && (_markdown.Length < 2 || _markdown[^2] != '\n')) _markdown.Append('\n');
    }

    /// <summary>A table whose first row is its header; cells are Markdown inline content.</summary>
    public void Table(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        if (width == 0) return;
        EndList();
        for (var i = 0; i < rows.Count; i++)
        {
            _markdown.Append('|');
            for (var c = 0; c < width; c++)
                _markdown.Append(' ').Append(c < rows[i].Count ? SingleLine(rows[i][c]).Replace("|", "\\|") : "").Append(" |");
            _markdown.Append('\n');
            if (i == 0) _markdown.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", width))).Append('\n');
        }
        _markdown.Append('\n');
    }

    public override string ToString() => _markdown.ToString();

    /// <summary>Escapes text so that Markdown reads every character of it literally (within a line).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length + 8);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace && builder.Length > 0) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '&') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString().TrimEnd();
    }

    private static string SingleLine(string markdown) => Whitespace().Replace(markdown, " ").Trim();

    /// <summary>A line that starts like a list item, quote, heading or rule would be read as one: escape its first character.</summary>
    private static string EscapeLineStart(string line)
    {
        if (line.Length == 0) return line;
        if (line[0] is '-' or '+' or '=' or '>' or '#') return "\\" + line;
        var number = OrderedListStart().Match(line);
        return number.Success ? line[..number.Length] + "\\" + line[number.Length..] : line;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\d{1,9}(?=[.)])")]
    private static partial Regex OrderedListStart();
}
