using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Whom a recommendation addresses, read from its wording: the subject of "… should" or "… must"
/// ("The Secretary of State should ensure …"), the object of "recommend(s) that …" ("GAO recommends
/// that SBA take steps …"), or Congress ("Congress should consider …", a "Matter for Congressional
/// Consideration").
/// </summary>
internal static partial class RecommendationAddressee
{
    public const string Congress = "Congress";

    private static readonly HashSet<string> NotAnAddressee = new(StringComparer.OrdinalIgnoreCase)
    {
        "We", "It", "This", "That", "They", "These", "Those", "Such", "Each", "Both", "All", "There", "Which", "What", "Who", "He", "She", "You", "One", "GAO", "I",
    };

    /// <summary>The addressee a heading implies ("Recommendation to the Congress", "Matter for Congressional Consideration"), or null.</summary>
    public static string? FromHeading(string heading) => CongressInHeading().IsMatch(heading) ? Congress : null;

    /// <summary>The addressee the text names, or null when it names none.</summary>
    public static string? FromText(string text)
    {
        foreach (var match in RecommendThat().Matches(text).Concat(SubjectOfShould().Matches(text)))
        {
            var who = Tidy(match.Groups["who"].Value);
            if (who is not null) return who;
        }
        return null;
    }

    private static string? Tidy(string who)
    {
        who = who.Trim().TrimEnd(',', '.');
        if (who.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) who = who[4..];
        if (who.Length == 0 || NotAnAddressee.Contains(who)) return null;
        return who.Equals("Congress", StringComparison.OrdinalIgnoreCase) || who.StartsWith("Congress ", StringComparison.Ordinal) ? Congress : who;
    }

    // A name: capitalised words, joined by the small words official titles use ("Secretary of Health and Human Services").
    private const string Name = @"(?<who>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:(?:of|for|and|on|the|to|in)\s+)*[A-Z][\w&.'’-]*)*)";

    [GeneratedRegex(@"\b(?:recommend(?:s|ed|ing)?|suggests?)\s+that\s+" + Name + @"\s*,?\s+[a-z]")]
    private static partial Regex RecommendThat();

    [GeneratedRegex(@"(?:^|[,;:]\s+|\bthat\s+)" + Name + @"\s*,?\s+(?:should|must|ought to|needs? to|shall|may wish to)\b")]
    private static partial Regex SubjectOfShould();

    [GeneratedRegex(@"\bcongress(ional)?\b|\blegislat(ure|ive) consideration\b", RegexOptions.IgnoreCase)]
    private static partial Regex CongressInHeading();
}
