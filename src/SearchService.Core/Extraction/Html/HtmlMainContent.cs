using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace SearchService.Core.Extraction.Html;

/// <summary>
/// Finds the part of a web page that is the publication: the page's <c>&lt;main&gt;</c>,
/// <c>role="main"</c> or <c>&lt;article&gt;</c>, else the block that holds the most paragraph
/// text. Navigation, headers, footers, sidebars, scripts, forms, hidden elements and cookie or
/// consent banners are removed first.
/// </summary>
internal static partial class HtmlMainContent
{
    private const string Clutter =
        "script, style, noscript, template, iframe, frame, frameset, object, embed, applet, svg, canvas, video, audio, map, " +
        "form, button, input, select, textarea, label, nav, aside, footer, dialog, menu, " +
        "[hidden], [aria-hidden='true'], [role='navigation'], [role='banner'], [role='contentinfo'], " +
        "[role='complementary'], [role='search'], [role='dialog'], [role='alertdialog'], [role='menu'], [role='menubar']";

    /// <summary>Removes the page's clutter in place and returns the element that holds its content.</summary>
    public static IElement Find(IHtmlDocument document)
    {
        RemoveClutter(document);
        var body = (IElement?)document.Body ?? document.DocumentElement;

        var main = document.QuerySelectorAll("main, [role='main']").MaxBy(TextLength);
        if (main is not null && TextLength(main) > 0)
        {
            // A main that is mostly one article is that article, without the lists around it.
            var article = main.QuerySelectorAll("article").MaxBy(TextLength);
            return article is not null && TextLength(article) >= 0.7 * TextLength(main) ? article : main;
        }
        var largestArticle = document.QuerySelectorAll("article").MaxBy(TextLength);
        if (largestArticle is not null && TextLength(largestArticle) >= 0.3 * TextLength(body)) return largestArticle;
        return DensestBlock(body) ?? body;
    }

    private static void RemoveClutter(IHtmlDocument document)
    {
        foreach (var element in document.QuerySelectorAll(Clutter).ToList()) element.Remove();
        foreach (var element in document.All.Where(IsClutter).ToList()) element.Remove();
    }

    private static bool IsClutter(IElement element)
    {
        if (element.LocalName is "html" or "body" or "main" or "article") return false;
        if (element.LocalName == "header" && element.QuerySelector("h1") is null) return true;
        var marks = $"{element.Id} {element.ClassName}";
        if (marks.Length > 1 && ClutterName().IsMatch(marks)) return true;
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    /// <summary>The element whose paragraphs hold the most text (credit to a paragraph's parent, half to its grandparent).</summary>
    private static IElement? DensestBlock(IElement body)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var paragraph in body.QuerySelectorAll("p, pre, blockquote, li"))
        {
            var length = TextNormalizer.Normalize(paragraph.TextContent).Length - LinkTextLength(paragraph);
            if (length < 40) continue;
            if (paragraph.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + length;
                if (parent.ParentElement is { } grandparent) scores[grandparent] = scores.GetValueOrDefault(grandparent) + length / 2.0;
            }
        }
        return scores.Count == 0 ? null : scores.MaxBy(s => s.Value).Key;
    }

    private static int TextLength(IElement element) => TextNormalizer.Normalize(element.TextContent).Length;

    private static int LinkTextLength(IElement element) =>
        element.QuerySelectorAll("a").Sum(a => TextNormalizer.Normalize(a.TextContent).Length);

    [GeneratedRegex(@"cookie|consent|gdpr|banner|newsletter-signup|skip-?link|sr-only|visually-hidden|screen-reader|breadcrumb|share-?(bar|buttons|tools)|social-?(links|share)|modal|popup", RegexOptions.IgnoreCase)]
    private static partial Regex ClutterName();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();
}
