using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SearchService.Core.Extraction;

/// <summary>
/// Reads Markdown into sections of clean text. Headings are ATX headings of any level, paragraphs
/// that are only bold text (<c>**Key Findings**</c>), and short title-like lines that introduce a
/// longer paragraph (as web-page conversions leave them). Links keep their text, lose their URL;
/// paragraphs that are mostly links (navigation) are dropped.
/// </summary>
internal static partial class MarkdownSectionReader
{
    // Definition lists stay off on purpose: publishers write "**Title**" then ": detail" and mean a titled item.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private const int MaxNesting = 32;

    public static List<SectionDraft> Read(string markdown, string origin, string preambleHeading)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var sections = new List<SectionDraft> { new(preambleHeading, origin) };
        var blocks = document.ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            var next = i + 1 < blocks.Count ? blocks[i + 1] : null;
            ReadTopLevel(blocks[i], next, sections, origin);
        }
        return sections.Where(s => s.Blocks.Count > 0 || s != sections[0]).ToList();
    }

    private static void ReadTopLevel(Block block, Block? next, List<SectionDraft> sections, string origin)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var text = TextNormalizer.Normalize(RenderInlines(heading.Inline).Text);
                if (text.Length > 0) sections.Add(new SectionDraft(text, origin));
                break;
            case ParagraphBlock paragraph:
                var rendered = RenderInlines(paragraph.Inline);
                var clean = TextNormalizer.NormalizeKeepingLines(rendered.Text);
                if (clean.Length == 0 || IsNavigation(rendered)) break;
                if (clean.StartsWith('|'))
                {
                    // A pipe table without a header row: keep its cells as text, never as prose.
                    sections[^1].Blocks.Add(new MarkdownBlock(MarkdownBlockKind.Table, TableCells().Replace(clean, "; ").Trim(' ', ';')));
                    break;
                }
                if (IsBoldOnly(paragraph.Inline) && WordCount(clean) <= 20 || LooksLikeHeadingLine(clean, next))
                    sections.Add(new SectionDraft(TextNormalizer.Normalize(clean), origin));
                else
                    sections[^1].Blocks.Add(new MarkdownBlock(MarkdownBlockKind.Paragraph, clean));
                break;
            case ListBlock list when IsYearNumberedParagraph(list):
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var restored = $"{list.OrderedStart}{list.OrderedDelimiter} " + string.Join(" ", item.OfType<ParagraphBlock>().Select(p => RenderInlines(p.Inline).Text));
                    sections[^1].Blocks.Add(new MarkdownBlock(MarkdownBlockKind.Paragraph, TextNormalizer.NormalizeKeepingLines(restored)));
                }
                break;
            case ListBlock list:
                AddListItems(list, sections[^1].Blocks, depth: 0);
                break;
            case QuoteBlock quote:
                foreach (var child in quote) ReadTopLevel(child, null, sections, origin);
                break;
            case Table table:
                var rows = RenderTable(table);
                if (rows.Length > 0) sections[^1].Blocks.Add(new MarkdownBlock(MarkdownBlockKind.Table, rows));
                break;
            case CodeBlock code when code is not FencedCodeBlock:
                // Indented "code" in converted documents is usually text that kept its PDF indentation.
                var lines = TextNormalizer.Normalize(code.Lines.ToString());
                if (lines.Length > 0) sections[^1].Blocks.Add(new MarkdownBlock(MarkdownBlockKind.Paragraph, lines));
                break;
        }
    }

    private static void AddListItems(ListBlock list, List<MarkdownBlock> blocks, int depth)
    {
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var read = ReadListItem(item, depth);
            if (read is null) continue;
            // An item that starts in lower case continues the previous one: authors split a sentence
            // across two bullets when their editor broke the line.
            if (blocks.Count > 0 && blocks[^1].Kind == MarkdownBlockKind.ListItem && StartsLowercase(read.Text))
            {
                var previous = blocks[^1];
                var joined = previous.Text + " " + read.Text;
                blocks[^1] = previous with { Text = joined, Detail = previous.Detail is null ? null : previous.Detail + " " + read.Text };
                continue;
            }
            blocks.Add(read);
        }
    }

    private static MarkdownBlock? ReadListItem(ListItemBlock item, int depth)
    {
        string? title = null;
        string? detail = null;
        string? leadingTitle = null;
        var parts = new List<string>();
        var navigationOnly = true;
        foreach (var child in item)
        {
            switch (child)
            {
                case ParagraphBlock paragraph:
                    var rendered = RenderInlines(paragraph.Inline);
                    var text = TextNormalizer.Normalize(rendered.Text);
                    if (text.Length == 0) continue;
                    if (!IsNavigation(rendered)) navigationOnly = false;
                    if (parts.Count == 0 && IsBoldOnly(paragraph.Inline)) title = text;
                    else if (parts.Count == 0) leadingTitle = LeadingBoldTitle(paragraph.Inline);
                    else if (title is not null && detail is null && text.StartsWith(':')) detail = text[1..].TrimStart();
                    parts.Add(text);
                    break;
                case ListBlock nested when depth < MaxNesting:
                    var nestedBlocks = new List<MarkdownBlock>();
                    AddListItems(nested, nestedBlocks, depth + 1);
                    if (nestedBlocks.Count > 0) navigationOnly = false;
                    parts.AddRange(nestedBlocks.Select(b => b.Text));
                    break;
                case CodeBlock code:
                    parts.Add(TextNormalizer.Normalize(code.Lines.ToString()));
                    navigationOnly = false;
                    break;
            }
        }
        if (parts.Count == 0 || navigationOnly) return null;

        if (title is not null && detail is not null)
            return new MarkdownBlock(MarkdownBlockKind.ListItem, $"{title.TrimEnd(':', '.')}: {detail}", title.TrimEnd(':', '.'), detail);

        var whole = string.Join(" ", parts);
        // "**Title**: detail" written in one paragraph.
        if (leadingTitle is not null && whole.Length > leadingTitle.Length + 2 && whole.StartsWith(leadingTitle, StringComparison.Ordinal))
        {
            var rest = whole[leadingTitle.Length..].TrimStart(' ', ':', '.', '-', '\u2013', '\u2014').Trim();
            if (rest.Length > 0) return new MarkdownBlock(MarkdownBlockKind.ListItem, whole, leadingTitle.TrimEnd(':', '.'), rest);
        }
        return new MarkdownBlock(MarkdownBlockKind.ListItem, whole);
    }

    /// <summary>
    /// A paragraph that starts with "2026." after a PDF line break is read by Markdown as a list
    /// numbered from 2026; no author numbers a list from a year, so it is a paragraph.
    /// </summary>
    private static bool IsYearNumberedParagraph(ListBlock list) =>
        list.IsOrdered && int.TryParse(list.OrderedStart, out var start) && start > 100;

    /// <summary>Plain text of inline content, with the share of it that sits inside links.</summary>
    internal readonly record struct RenderedInlines(string Text, int LinkCharacters, int Links);

    internal static RenderedInlines RenderInlines(ContainerInline? container)
    {
        if (container is null) return new RenderedInlines("", 0, 0);
        var builder = new StringBuilder();
        var linkCharacters = 0;
        var links = 0;
        Render(container, builder, ref linkCharacters, ref links, inLink: false, depth: 0);
        return new RenderedInlines(builder.ToString(), linkCharacters, links);
    }

    private static void Render(ContainerInline container, StringBuilder builder, ref int linkCharacters, ref int links, bool inLink, int depth)
    {
        if (depth > MaxNesting) return;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    // Emphasis markers Markdown could not pair (next to dashes, in converted text) are not text.
                    var slice = BareUrl().Replace(literal.Content.ToString().Replace("**", ""), "");
                    builder.Append(slice);
                    if (inLink) linkCharacters += slice.Length;
                    break;
                case LineBreakInline lineBreak:
                    builder.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case LinkInline { IsImage: true }:
                    break; // images carry no text worth indexing
                case LinkInline link:
                    links++;
                    Render(link, builder, ref linkCharacters, ref links, inLink: true, depth + 1);
                    break;
                case AutolinkInline:
                    links++;
                    break; // a bare URL is clutter, not content
                case HtmlInline:
                    break;
                case ContainerInline child:
                    Render(child, builder, ref linkCharacters, ref links, inLink, depth + 1);
                    break;
            }
        }
    }

    private static string RenderTable(Table table)
    {
        var rows = new List<string>();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>()
                .Select(cell => string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => TextNormalizer.Normalize(RenderInlines(p.Inline).Text))))
                .Where(c => c.Length > 0);
            var line = string.Join("; ", cells);
            if (line.Length > 0) rows.Add(line);
        }
        return string.Join("\n", rows);
    }

    /// <summary>Menus, breadcrumbs and "Download PDF | Version history" rows: mostly link text.</summary>
    private static bool IsNavigation(RenderedInlines rendered)
    {
        if (rendered.Links == 0) return false;
        var letters = rendered.Text.Count(char.IsLetterOrDigit);
        var outside = letters - rendered.LinkCharacters;
        return outside < 12 || rendered.Links >= 3 && outside < letters / 3;
    }

    private static bool IsBoldOnly(ContainerInline? container)
    {
        if (container is null) return false;
        EmphasisInline? strong = null;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                case LineBreakInline:
                    continue;
                case EmphasisInline { DelimiterCount: >= 2 } emphasis when strong is null:
                    strong = emphasis;
                    continue;
                default:
                    return false;
            }
        }
        return strong is not null;
    }

    /// <summary>The bold text a paragraph opens with, when a ":" or "." follows it.</summary>
    private static string? LeadingBoldTitle(ContainerInline? container)
    {
        var first = container?.FirstChild;
        while (first is LiteralInline literal && literal.Content.IsEmptyOrWhitespace()) first = first.NextSibling;
        if (first is not EmphasisInline { DelimiterCount: >= 2 } strong) return null;
        var title = TextNormalizer.Normalize(RenderInlines(strong).Text);
        var after = strong.NextSibling is LiteralInline next ? next.Content.ToString().TrimStart() : "";
        var titleEndsWithStop = title.EndsWith(':') || title.EndsWith('.');
        if (title.Length == 0 || WordCount(title) > 15 || !(titleEndsWithStop || after.StartsWith(':') || after.StartsWith('.'))) return null;
        return title;
    }

    /// <summary>
    /// A short, unpunctuated line followed by a longer paragraph is a heading that lost its markup in
    /// conversion ("Summary", "Potential questions for Congress", "How could biometric technologies fail?").
    /// </summary>
    private static bool LooksLikeHeadingLine(string text, Block? next)
    {
        if (text.Contains('\n') || next is not (ParagraphBlock or ListBlock)) return false;
        var words = WordCount(text);
        if (words == 0 || !char.IsUpper(text[0])) return false;
        if (text.EndsWith('?')) return words <= 14;
        return words <= 8 && !TrailingPunctuation().IsMatch(text) && !text.Contains('|');
    }

    private static bool StartsLowercase(string text) => text.Length > 0 && char.IsLower(text[0]);

    internal static int WordCount(string text) => text.Split(' ', '\n').Count(w => w.Length > 0);

    [GeneratedRegex(@"\b(https?://|www\.)[^\s<>()]+[^\s<>().,;:]")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"\s*\|\s*")]
    private static partial Regex TableCells();

    [GeneratedRegex(@"[.,;:!)\]""]$")]
    private static partial Regex TrailingPunctuation();

}
