using System.Text;
using AngleSharp.Dom;

namespace SearchService.Core.Extraction.Html;

/// <summary>
/// Writes an HTML element as Markdown: headings as headings, paragraphs, lists (nested), tables,
/// bold text (so "<b>Title</b>: detail" items keep their title) and links with their text. Depth
/// and length are bounded, so a page nested thousands of levels deep or megabytes long is read safely.
/// </summary>
internal sealed class HtmlMarkdownRenderer
{
    /// <summary>Deeper elements are read as plain text: the walk is recursive, and the stack is finite.</summary>
    private const int MaxDepth = 120;

    /// <summary>Markdown beyond this length is not written.</summary>
    public const int MaxMarkdownCharacters = 4_000_000;

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    };

    private readonly MarkdownWriter _writer;
    private readonly StringBuilder _paragraph = new();

    private HtmlMarkdownRenderer(MarkdownWriter writer) => _writer = writer;

    public static void Render(IElement root, MarkdownWriter writer)
    {
        var renderer = new HtmlMarkdownRenderer(writer);
        renderer.RenderChildren(root, 0);
        renderer.FlushParagraph();
    }

    private bool Full => _writer.Length > MaxMarkdownCharacters;

    private void RenderChildren(INode parent, int depth)
    {
        foreach (var child in parent.ChildNodes)
        {
            if (Full) return;
            if (child is IText text)
            {
                AppendText(_paragraph, text.Data);
                continue;
            }
            if (child is not IElement element) continue;
            if (depth > MaxDepth)
            {
                FlushParagraph();
                _writer.Paragraph(PlainText(element));
                continue;
            }
            RenderElement(element, depth);
        }
    }

    private void RenderElement(IElement element, int depth)
    {
        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                FlushParagraph();
                _writer.Heading(element.LocalName[1] - '0', PlainText(element));
                break;
            case "p" or "dt" or "dd" or "figcaption" or "caption" or "summary":
                FlushParagraph();
                _writer.RawParagraph(Inline(element, depth));
                break;
            case "pre":
                FlushParagraph();
                _writer.Paragraph(PlainText(element));
                break;
            case "ul" or "ol" or "menu":
                FlushParagraph();
                RenderList(element, 0, depth);
                _writer.EndList();
                break;
            case "table":
                FlushParagraph();
                RenderTable(element, depth);
                break;
            case "br":
                _paragraph.Append(' ');
                break;
            case "hr":
                FlushParagraph();
                break;
            default:
                if (Blocks.Contains(element.LocalName))
                {
                    FlushParagraph();
                    RenderChildren(element, depth + 1);
                    FlushParagraph();
                }
                else
                {
                    AppendInline(_paragraph, element, depth + 1);
                }
                break;
        }
    }

    private void RenderList(IElement list, int level, int depth)
    {
        foreach (var item in list.Children)
        {
            if (Full || depth > MaxDepth) return;
            if (item.LocalName is not "li")
            {
                if (item.LocalName is "ul" or "ol") RenderList(item, level + 1, depth + 1);
                continue;
            }
            var text = new StringBuilder();
            var nested = new List<IElement>();
            foreach (var child in item.ChildNodes)
            {
                if (child is IElement { LocalName: "ul" or "ol" } sublist) nested.Add(sublist);
                else if (child is IText t) AppendText(text, t.Data);
                else if (child is IElement e) AppendInline(text, e, depth + 1);
            }
            _writer.RawListItem(text.ToString(), level);
            foreach (var sublist in nested) RenderList(sublist, level + 1, depth + 1);
        }
    }

    private void RenderTable(IElement table, int depth)
    {
        var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
        var cells = rows.Select(r => r.Children.Where(c => c.LocalName is "td" or "th").ToList()).ToList();
        // A table used for page layout holds paragraphs and lists in its cells: read them as blocks.
        var layout = cells.SelectMany(c => c).Any(cell => cell.QuerySelector("p, div, ul, ol, table, h1, h2, h3, h4, h5, h6") is not null);
        if (layout || cells.All(row => row.Count <= 1))
        {
            foreach (var cell in cells.SelectMany(c => c))
            {
                RenderChildren(cell, depth + 1);
                FlushParagraph();
            }
            return;
        }
        var markdownRows = cells
            .Select(row => (IReadOnlyList<string>)row.Select(cell => Inline(cell, depth + 1)).ToList())
            .Where(row => row.Any(c => c.Length > 0))
            .ToList();
        if (markdownRows.Count > 0) _writer.Table(markdownRows);
    }

    private string Inline(IElement element, int depth)
    {
        var text = new StringBuilder();
        foreach (var child in element.ChildNodes)
        {
            if (child is IText t) AppendText(text, t.Data);
            else if (child is IElement e) AppendInline(text, e, depth + 1);
        }
        return text.ToString().Trim();
    }

    private void AppendInline(StringBuilder text, IElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            AppendText(text, PlainText(element));
            return;
        }
        switch (element.LocalName)
        {
            case "br":
                text.Append(' ');
                return;
            case "img" or "picture" or "source" or "wbr":
                return;
            case "strong" or "b":
                var inner = Inline(element, depth);
                if (inner.Length == 0) return;
                if (text.Length > 0 && !char.IsWhiteSpace(text[^1])) text.Append(' ');
                text.Append("**").Append(inner).Append("** ");
                return;
            case "a":
                var label = Inline(element, depth);
                var href = element.GetAttribute("href")?.Trim();
                if (label.Length > 0 && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    text.Append('[').Append(label).Append("](<").Append(uri.AbsoluteUri.Replace("<", "%3C").Replace(">", "%3E")).Append(">) ");
                else if (label.Length > 0)
                    text.Append(label).Append(' ');
                return;
            default:
                if (Blocks.Contains(element.LocalName)) text.Append(' ');
                foreach (var child in element.ChildNodes)
                {
                    if (child is IText t) AppendText(text, t.Data);
                    else if (child is IElement e) AppendInline(text, e, depth + 1);
                }
                if (Blocks.Contains(element.LocalName)) text.Append(' ');
                return;
        }
    }

    private static void AppendText(StringBuilder text, string data)
    {
        if (data.Length == 0) return;
        if (char.IsWhiteSpace(data[0]) && text.Length > 0) text.Append(' ');
        text.Append(MarkdownWriter.Escape(data));
        if (char.IsWhiteSpace(data[^1])) text.Append(' ');
    }

    private void FlushParagraph()
    {
        if (_paragraph.Length == 0) return;
        _writer.RawParagraph(_paragraph.ToString());
        _paragraph.Clear();
    }

    /// <summary>All the text under <paramref name="node"/>, walked without recursion.</summary>
    private static string PlainText(INode node)
    {
        var text = new StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(node);
        while (stack.Count > 0 && text.Length < MaxMarkdownCharacters)
        {
            var current = stack.Pop();
            if (current is IText t)
            {
                text.Append(t.Data).Append(' ');
                continue;
            }
            for (var i = current.ChildNodes.Length - 1; i >= 0; i--) stack.Push(current.ChildNodes[i]);
        }
        return TextNormalizer.Normalize(text.ToString());
    }
}
