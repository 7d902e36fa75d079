using System.Globalization;
using System.Text;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Writes a planned brief as Markdown with YAML front matter, in the shape the service's extractor reads: metadata in
/// the front matter, a summary section, "Key Findings" bullets, body sections of one chunk each, numbered recommendations.
/// </summary>
public sealed class BriefMarkdownWriter(IReadOnlyList<SourceUnit> units)
{
    public string Write(BriefPlan plan)
    {
        var markdown = new StringBuilder();
        markdown.Append("---\n");
        markdown.Append(CultureInfo.InvariantCulture, $"title: {Quoted(plan.Title)}\n");
        markdown.Append(CultureInfo.InvariantCulture, $"date: {plan.Date:yyyy-MM-dd}\n");
        markdown.Append(CultureInfo.InvariantCulture, $"type: {Quoted(plan.Type)}\n");
        markdown.Append(CultureInfo.InvariantCulture, $"publisher: {Quoted(plan.Publisher)}\n");
        markdown.Append("tags:\n");
        foreach (var tag in plan.Tags) markdown.Append(CultureInfo.InvariantCulture, $"  - {Quoted(tag)}\n");
        markdown.Append("authors:\n");
        foreach (var author in plan.Authors) markdown.Append(CultureInfo.InvariantCulture, $"  - name: {Quoted(author)}\n");
        markdown.Append(CultureInfo.InvariantCulture, $"summary: {Quoted(plan.Summary)}\n");
        markdown.Append("---\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"# {plan.Title}\n\n");

        Section(markdown, plan.SummarySection);
        markdown.Append(CultureInfo.InvariantCulture, $"## {plan.FindingsHeading}\n\n");
        foreach (var finding in plan.Findings) markdown.Append(CultureInfo.InvariantCulture, $"- {finding.Text}\n");
        markdown.Append('\n');
        foreach (var section in plan.Body) Section(markdown, section);
        if (plan.Recommendations.Count > 0)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"## {plan.RecommendationsHeading}\n\n");
            for (var i = 0; i < plan.Recommendations.Count; i++)
            {
                var recommendation = plan.Recommendations[i];
                var lead = recommendation.Title is null ? "" : $"**{recommendation.Title}.** ";
                markdown.Append(CultureInfo.InvariantCulture, $"{i + 1}. {lead}{recommendation.Statement.Text}\n");
            }
        }
        return markdown.ToString();
    }

    private void Section(StringBuilder markdown, PlannedSection section) =>
        markdown.Append(CultureInfo.InvariantCulture, $"## {section.Heading}\n\n{units[section.Unit].Text}\n\n");

    /// <summary>A YAML double-quoted scalar: only the backslash and the quote need escaping in normalised text.</summary>
    private static string Quoted(string value) => $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
}
