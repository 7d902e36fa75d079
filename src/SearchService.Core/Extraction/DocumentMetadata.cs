using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>
/// What a converted document says about itself outside its text (PDF document information, HTML meta
/// tags). Front matter and a report's own header win over these; they fill the gaps.
/// </summary>
internal sealed record DocumentMetadata
{
    public static DocumentMetadata None { get; } = new();

    public string? Title { get; init; }
    /// <summary>A date as the document gives it (ISO 8601 or "April 21, 2026"); parsed with the front-matter dates.</summary>
    public string? Date { get; init; }
    public string? Publisher { get; init; }
    public string? Type { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<Link> Links { get; init; } = [];
}
