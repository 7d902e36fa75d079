using SearchService.Core.Briefs;

namespace SearchService.Core.Related;

/// <summary>The text of a brief that related-brief scoring reads: everything it says, most telling parts first.</summary>
internal static class RelatedText
{
    public static string Of(Brief brief) =>
        string.Join("\n", [brief.Title, brief.Summary ?? "", .. brief.Findings.Select(f => f.Text), .. brief.Recommendations.Select(r => r.Text), brief.Body]);
}
