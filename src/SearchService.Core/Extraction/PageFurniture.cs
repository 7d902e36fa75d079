using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Removes what a PDF-to-Markdown conversion or a web page leaves around the text: running page
/// headers ("Page 2 GAO-26-107815 …"), table source lines, figure placeholders and trailing disclaimers;
/// and recognises a paragraph that is furniture wherever it stands (a table-of-contents entry, a page
/// number, a copyright or reproduction notice, a postal address, "this page intentionally left blank"),
/// which is never a finding, a recommendation, a summary or a passage.
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

    /// <summary>True when a paragraph (clean text) is page furniture rather than something the author says.</summary>
    public static bool IsFurniture(string paragraph)
    {
        var text = paragraph.Trim();
        if (text.Length == 0) return true;
        return PageNumber().IsMatch(text)
               || BlankPage().IsMatch(text)
               || IsTableOfContentsEntry(text)
               || IsNotice(text)
               || IsAddress(text)
               || IsContactLine(text);
    }

    /// <summary>"Please contact me at (202) 512-… or …@….gov if you have questions": who to call, not what the brief says.</summary>
    public static bool IsContactLine(string text) =>
        MarkdownSectionReader.WordCount(text) <= 80 && ContactInvitation().IsMatch(text) && (PhoneNumber().IsMatch(text) || EmailAddress().IsMatch(text));

    /// <summary>
    /// "Recommendations for Executive Action 62 Appendix II Status of … 67": titles each followed by a
    /// page number and no sentence of their own. A sentence ends in punctuation; an entry ends in its page.
    /// </summary>
    public static bool IsTableOfContentsEntry(string text)
    {
        var trimmed = text.Trim();
        if (!EndsWithPageNumber().IsMatch(trimmed)) return false;
        if (DotLeader().IsMatch(trimmed)) return true;
        var entries = TitleThenPage().Matches(trimmed).Count;
        // One title and its page is an entry only when it reads as a heading: short, no verb-like sentence break.
        return entries >= 2 && !SentenceBreak().IsMatch(trimmed)
               || entries == 1 && MarkdownSectionReader.WordCount(trimmed) <= 16 && !trimmed.Contains(". ") && StartsLikeHeading().IsMatch(trimmed);
    }

    /// <summary>Copyright, reproduction and permission notices: what a publisher prints on every product about the product.</summary>
    public static bool IsNotice(string text) => Notice().IsMatch(text) && MarkdownSectionReader.WordCount(text) <= 120;

    /// <summary>A paragraph that is mostly a postal address (a street number and name, a city, a state and a ZIP code).</summary>
    public static bool IsAddress(string text) =>
        MarkdownSectionReader.WordCount(text) <= 40 && StreetAddress().IsMatch(text) && !text.TrimEnd().EndsWith('?');

    [GeneratedRegex(@"^[ \t]*Page \d{1,4}[ \t]+[A-Z]{2,}-?[\w\-\.]*\d[^\n.]{0,120}$", RegexOptions.Multiline)]
    private static partial Regex RunningPageHeader();

    [GeneratedRegex(@"^[ \t]*Source(s)?:[^\n]{0,160}\|[ \t]*[A-Z]{2,}-\d{2}-\d+\w*[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^[ \t]*\*?\[(Figure|Table|Image)[^\]\n]{0,200}(see original|not shown|omitted)[^\]\n]*\]\*?[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex FigurePlaceholder();

    [GeneratedRegex(@"^[ \t]*Disclaimer:?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DisclaimerStart();

    [GeneratedRegex(@"^(page\s+)?([ivxlc]{1,6}|\d{1,4})(\s+of\s+\d{1,4})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"^\(?this page (is )?(intentionally|deliberately) (left )?blank\.?\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BlankPage();

    [GeneratedRegex(@"[^\d.,;:!?%$)]\s+\d{1,3}$")]
    private static partial Regex EndsWithPageNumber();

    [GeneratedRegex(@"(\.\s*){4,}\d{1,3}\b")]
    private static partial Regex DotLeader();

    // A run of words (no sentence punctuation) ending in a page number, followed by the next title or the end.
    [GeneratedRegex(@"[A-Za-z][^.!?\d]{2,}?\s\d{1,3}(?=\s+[A-Z]|$)")]
    private static partial Regex TitleThenPage();

    [GeneratedRegex(@"[a-z]{2,}[.!?]\s+[A-Z]")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^(Appendix|Chapter|Section|Part|Annex|Table|Figure|[A-Z][a-z]+ (for|of|and|to) [A-Z])")]
    private static partial Regex StartsLikeHeading();

    [GeneratedRegex(@"\bnot subject to copyright\b|\bmay be reproduced and distributed\b|\bcopyrighted (images|material)\b|\bpermission from the copyright holder\b|\ball rights reserved\b|\bwithout (further|prior|express) (written )?permission\b|^(©|\(c\)|copyright\s+(©|\(c\)|\d{4}))", RegexOptions.IgnoreCase)]
    private static partial Regex Notice();

    [GeneratedRegex(@"\b(contact|call|e-?mail|reach)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContactInvitation();

    [GeneratedRegex(@"\(?\b\d{3}\)?[\s.-]\d{3}-\d{4}\b")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b\d{1,5}\s+(?:[NSEW]\.?\s+)?[A-Z0-9][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+(?:St|Street|Ave|Avenue|Road|Rd|Blvd|Boulevard|Drive|Dr|Lane|Way|Place|Pl|Square)\b\.?(?:\s+[NSEW]\.?[NSEW]?\.?)?,?.{0,60}\b[A-Z]{2}\s+\d{5}(-\d{4})?\b")]
    private static partial Regex StreetAddress();
}
