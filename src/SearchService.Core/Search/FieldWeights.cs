using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// How much a match in each field of a brief counts. The whole text carries the BM25 evidence; a
/// match in the title, tags, authors, summary, findings or recommendations counts for more because
/// that is what the brief is about.
/// </summary>
public sealed record FieldWeights(IReadOnlyDictionary<string, float> Weights, float TieBreaker)
{
    public static FieldWeights Briefs { get; } = new(new Dictionary<string, float>
    {
        [IndexFields.All] = 1.0f,
        [IndexFields.Title] = 2.0f,
        [IndexFields.Summary] = 1.2f,
        [IndexFields.Findings] = 1.2f,
        [IndexFields.Recommendations] = 1.2f,
        [IndexFields.TagsText] = 1.5f,
        [IndexFields.AuthorsText] = 1.5f,
    }, TieBreaker: 0.3f);

    public static FieldWeights Passages { get; } = new(new Dictionary<string, float> { [IndexFields.Text] = 1.0f }, TieBreaker: 0f);
}
