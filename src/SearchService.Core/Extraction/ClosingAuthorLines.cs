using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Authors named where a publication closes or gives its contact rather than in its front matter:
/// "Jennifer DiMascio, Analyst in U.S. Defense Policy" lines at the end of a CRS product, and
/// "For more information, contact Jane Doe at (202) 512-…" in a GAO report's highlights.
/// Used only when the front matter, header and PDF metadata name nobody.
/// </summary>
internal static partial class ClosingAuthorLines
{
    // Closing lines are at the end: a name with a job title earlier in the text is usually someone quoted.
    private const int ClosingCharacters = 1500;

    public static List<string> Read(string body)
    {
        var names = new List<string>();
        var closing = body.Length > ClosingCharacters ? body[^ClosingCharacters..] : body;
        names.AddRange(NameAndTitle().Matches(closing).Select(m => m.Groups["name"].Value));
        if (names.Count == 0 && ContactAtPhone().Matches(body).FirstOrDefault(IsPersonalContact) is { } first)
        {
            // The report's own contact comes first; later ones are the publisher's press and liaison offices.
            var paragraphEnd = body.IndexOf("\n\n", first.Index, StringComparison.Ordinal);
            var paragraph = body[first.Index..(paragraphEnd < 0 ? body.Length : paragraphEnd)];
            names.AddRange(ContactAtPhone().Matches(paragraph).Where(IsPersonalContact).Select(m => m.Groups["name"].Value));
            names.AddRange(OrNameAtPhone().Matches(paragraph).Select(m => m.Groups["name"].Value));
        }
        return names.Select(n => TextNormalizer.Normalize(n)).Where(n => n.Length > 0).Distinct().ToList();
    }

    /// <summary>A person's own address ("LarinK@…") rather than an office's ("Media@…"), whose named head is no author.</summary>
    private static bool IsPersonalContact(Match match)
    {
        var mailbox = match.Groups["mailbox"];
        if (!mailbox.Success) return true;
        return match.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(part => part.Length > 2 && mailbox.Value.Contains(part.TrimEnd('.').Replace("-", "").Replace("'", ""), StringComparison.OrdinalIgnoreCase));
    }

    private const string PersonName = @"(?<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-zA-Z'’-]+){1,2})";

    [GeneratedRegex(@"(?<![\w,])" + PersonName + @",\s+(?:Senior\s+|Acting\s+|Deputy\s+|Assistant\s+|Chief\s+)?(?:Specialist|Analyst|Legislative Attorney|Attorney|Research Manager|Section Research Manager|Research Librarian|Research Assistant|Economist|Coordinator|Fellow|Director|Researcher)\b")]
    private static partial Regex NameAndTitle();

    // "Kathryn A. Larin, Director, LarinK@gao.gov", "Contact Jim Wells, (202) 512-3841", "contact Jane Doe at (202) 512-…".
    [GeneratedRegex(@"(?:^\[?|\b[Cc]ontact:?\s+\[?)" + PersonName + @"(?:,\s+[A-Z][\w &]{0,40}?){0,3},?[\s\[]+(?:at\s+)?(?:(?<mailbox>[\w.+-]+)@[\w-]+\.[\w.]+|\(?\d{3}\)?[\s.-]?\d{3}-\d{4})", RegexOptions.Multiline)]
    private static partial Regex ContactAtPhone();

    // "… contact Mark Gaffigan at (202) 512-3841 or Frank Rusco at (202) 512-…": the second name of one contact line.
    [GeneratedRegex(@"\bor\s+" + PersonName + @"\s+at\s+\(?\d{3}\)?[\s.-]?\d{3}-\d{4}")]
    private static partial Regex OrNameAtPhone();
}
