using System.Text.RegularExpressions;
using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>
/// Recognises what a section holds from the wording of its heading, so publishers we have not seen
/// ("What the Panel Found", "Policy Options", "Recommendations for Executive Action") still work.
/// </summary>
public static partial class SectionRoleClassifier
{
    public static SectionRole Classify(string heading)
    {
        var h = heading.ToLowerInvariant();
        if (Boilerplate().IsMatch(h)) return SectionRole.Boilerplate;
        // "Status of GAO Recommendations", "Open Recommendations": a report on earlier recommendations, not new ones.
        if (Recommendations().IsMatch(h) && !RecommendationStatus().IsMatch(h)) return SectionRole.Recommendations;
        if (Findings().IsMatch(h)) return SectionRole.Findings;
        if (Summary().IsMatch(h)) return SectionRole.Summary;
        return SectionRole.Other;
    }

    [GeneratedRegex(@"\brecommend(s|ed|ation|ations)?\b|\bpolicy (options|proposals)\b|\bmatters? for congressional consideration\b|\bwhat (we|you|policymakers|government|congress) should do\b")]
    private static partial Regex Recommendations();

    [GeneratedRegex(@"\bstatus\b|\b(open|prior|previous|earlier|outstanding|priority) recommendations\b|\brecommendations? (made|issued) (previously|earlier|in prior)")]
    private static partial Regex RecommendationStatus();

    [GeneratedRegex(@"\b(key )?findings?\b|\bconclusions?\b|\bwhat\b.{1,60}\bfound\b|\bkey (takeaways|messages|insights)\b")]
    private static partial Regex Findings();

    [GeneratedRegex(@"\bsummary\b|\babstract\b|\bhighlights\b|\boverview\b|\bintroduction\b")]
    private static partial Regex Summary();

    [GeneratedRegex(@"\bdisclaimer\b|\backnowledg(e)?ments?\b|\bobtaining copies\b|\border by (phone|mail)\b|\bconnect with\b|\bto report fraud\b|\b(media|congressional|public) (relations|affairs)\b|\bgeneral inquiries\b|\bmission\b.*\bobtaining\b|^footnotes$|\bcopyright\b|\bcontact(s)? (us|information)\b|\bstaff acknowledgments?\b|\bstrategic planning and external liaison\b|^(table of )?contents$")]
    private static partial Regex Boilerplate();
}
