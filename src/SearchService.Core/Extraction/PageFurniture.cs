using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Removes what a PDF-to-Markdown conversion or a web page leaves around the text: running page
/// headers ("Page 2 GAO-26-107815 …"), table source lines, figure placeholders and trailing disclaimers.
/// </summary>
public static partial class PageFurniture
{
    public static string Strip(string markdown)
    {
        var text = RunningPageHeader().Replace(markdown, "");
        text = SourceLine().Replace(text, "");
        text = FigurePlaceholder().Replace(text, "");
        var disclaimer = DisclaimerStart().Match(text);
        // A disclaimer is boilerplate only near the end; earlier it may be the subject of the brief.
        if (disclaimer.Success && text.Length - disclaimer.Index < 4000) text = text[..disclaimer.Index];
        return text;
    }

    [GeneratedRegex(@"^[ \t]*Page \d{1,4}[ \t]+[A-Z]{2,}-?[\w\-\.]*\d[^\n.]{0,120}$", RegexOptions.Multiline)]
    private static partial Regex RunningPageHeader();

    [GeneratedRegex(@"^[ \t]*Source(s)?:[^\n]{0,160}\|[ \t]*[A-Z]{2,}-\d{2}-\d+\w*[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^[ \t]*\*?\[(Figure|Table|Image)[^\]\n]{0,200}(see original|not shown|omitted)[^\]\n]*\]\*?[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex FigurePlaceholder();

    [GeneratedRegex(@"^[ \t]*Disclaimer:?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DisclaimerStart();
}
