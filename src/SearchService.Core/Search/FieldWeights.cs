using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// How much a match in each field of a brief counts. The whole text carries the BM25 evidence; the best
/// of the other fields (title, tags, authors, summary, findings, recommendations) wins when it scores
/// higher, and the rest add a little. Tuned on SciFact's train split, where these boosts keep the
/// quality of whole-text BM25 while briefs whose title or tags match rank first.
/// Each set's fields exist only on documents of its <see cref="DocType"/>, so a query on them needs no
/// filter by document type (a filter would keep Lucene from its faster out-of-order disjunction scorer).
/// </summary>
public sealed record FieldWeights(IReadOnlyDictionary<string, float> Weights, float TieBreaker, string DocType)
{
    /// <summary>
    /// Fields whose text another weighted field of the same document holds too (the whole text holds the title,
    /// summary, findings and recommendations: <see cref="BriefDocuments.ForBrief"/>), so a query matches through the
    /// other fields and reads these only to score what matched (<see cref="CoveredDisjunctionMaxQuery"/>).
    /// </summary>
    public IReadOnlySet<string> Covered { get; init; } = new HashSet<string>();

    public static FieldWeights Briefs { get; } = new(new Dictionary<string, float>
    {
        [IndexFields.All] = 1.0f,
        [IndexFields.Title] = 0.3f,
        [IndexFields.Summary] = 0.2f,
        [IndexFields.Findings] = 0.2f,
        [IndexFields.Recommendations] = 0.2f,
        [IndexFields.TagsText] = 0.5f,
        [IndexFields.AuthorsText] = 0.5f,
    }, TieBreaker: 0.1f, DocType: IndexFields.BriefDoc)
    {
        Covered = new HashSet<string>(StringComparer.Ordinal) { IndexFields.Title, IndexFields.Summary, IndexFields.Findings, IndexFields.Recommendations },
    };

    public static FieldWeights Passages { get; } = new(new Dictionary<string, float> { [IndexFields.Text] = 1.0f }, TieBreaker: 0f, DocType: IndexFields.PassageDoc);
}
