using SearchService.Core.Briefs;

namespace SearchService.Core.Related;

/// <summary>The facts of one brief that pair features compare; <see cref="Text"/> is attached when a text model scores.</summary>
/// <remarks>Tags, authors and publisher keep their written form; compare them ignoring case.</remarks>
internal sealed record BriefFacts(string Id, string ContentHash, string Title, string[] Tags, string[] Authors, string? Publisher, double? Year, BriefTextProfile? Text)
{
    public static BriefFacts Of(Brief brief, string contentHash, BriefTextProfile? text) => new(
        brief.Id,
        contentHash,
        brief.Title,
        brief.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        brief.Authors.Select(a => a.Name.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        string.IsNullOrWhiteSpace(brief.Publisher) ? null : brief.Publisher.Trim(),
        brief.Date is { } date ? date.Year + (date.DayOfYear - 1) / 365.25 : null,
        text);
}
