using SearchService.Core.Briefs;

namespace SearchService.Core.Related;

/// <summary>The facts of one brief that pair features compare; <see cref="Text"/> is attached when a text model scores.</summary>
/// <remarks>Tags, authors and publisher keep their written form; compare them ignoring case.</remarks>
internal sealed record BriefFacts(string Id, string ContentHash, string Title, string[] Tags, string[] Authors, string? Publisher, double? Year, BriefTextProfile? Text)
{
    public static BriefFacts Of(Brief brief, string contentHash, BriefTextProfile? text) =>
        Of(brief.Id, contentHash, brief.Title, brief.Tags, brief.Authors.Select(a => a.Name), brief.Publisher, brief.Date) with { Text = text };

    /// <summary>The facts of a brief from its parts, trimmed and each once (ignoring case), as the brief's own would be.</summary>
    public static BriefFacts Of(string id, string contentHash, string title, IEnumerable<string> tags, IEnumerable<string> authors, string? publisher, DateOnly? date) => new(
        id,
        contentHash,
        title,
        Distinct(tags),
        Distinct(authors),
        string.IsNullOrWhiteSpace(publisher) ? null : publisher.Trim(),
        date is { } day ? day.Year + (day.DayOfYear - 1) / 365.25 : null,
        null);

    private static string[] Distinct(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
