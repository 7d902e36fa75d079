using SearchService.Core.Indexing;
using SearchService.Embeddings;

namespace SearchService.Core.Search;

/// <summary>
/// Keywords and meaning together: the keyword matches (with typo tolerance) and the semantic matches,
/// fused by a weighted sum of z-normalised scores (<see cref="HybridFusion.ZScores"/>, weight
/// <see cref="SemanticWeightFor"/> the encoder, tuned on SciFact's train split). The matched set is the union, so
/// facets count both.
/// </summary>
public sealed class HybridSearchMode(KeywordSearchMode keyword, SemanticSearchMode semantic, FusionMethod fusion = FusionMethod.ZScore, float? semanticWeight = null) : ISearchMode
{
    public const string ModeName = "hybrid";

    /// <summary>
    /// Share of the semantic score in the fused one, for one model: chosen on SciFact's train split
    /// (docs/relevance.md).
    /// </summary>
    public const float SemanticWeight = 0.5f;

    /// <summary>
    /// The same with two models combined (<see cref="CombinedTextEncoder"/>), whose semantic ranking is stronger
    /// and earns a larger share (chosen the same way).
    /// </summary>
    public const float CombinedSemanticWeight = 0.6f;

    /// <summary>The tuned semantic weight for <paramref name="encoder"/>.</summary>
    public static float SemanticWeightFor(ITextEncoder encoder) => encoder is CombinedTextEncoder ? CombinedSemanticWeight : SemanticWeight;

    private readonly float _semanticWeight = semanticWeight ?? SemanticWeightFor(semantic.Encoder);

    public string Name => ModeName;

    // The query as typed: a spelling correction, when the keyword side finds one, is encoded when it is searched.
    Task<EncodedQuery?> ISearchMode.EncodeAsync(SearchRequest request, CancellationToken cancellationToken) =>
        semantic.EncodeAsync(request.Query!, cancellationToken);

    /// <summary>
    /// The keyword side's best briefs, scored exactly by meaning when the graph walk found few briefs
    /// (<see cref="SemanticSearchMode.FewHits"/>): instead of a second, four times wider walk, which made those queries
    /// the slowest few in a hundred, while a brief the words point to and the walk missed would otherwise be fused as if
    /// it had the semantic list's lowest score (docs/vector-search.md).
    /// </summary>
    internal const int KeywordBriefsChecked = 20;

    private static List<int> BestByKeyword(IReadOnlyList<BriefMatch> matches)
    {
        var best = new PriorityQueue<int, (float Score, int NegatedDoc)>(KeywordBriefsChecked + 1);
        foreach (var match in matches) TopK.Offer(best, match.Doc, (match.Score, -match.Doc), KeywordBriefsChecked);
        return TopK.BestFirst(best);
    }

    ModeMatches ISearchMode.Match(SearchRequest request, SearchSnapshot snapshot)
    {
        var byKeyword = ((ISearchMode)keyword).Match(request, snapshot);
        var byMeaning = semantic.Hits(byKeyword.DidYouMean ?? request.Query!, snapshot, () => BestByKeyword(byKeyword.Matches));

        // Fuse by brief document: both lists come from the same snapshot.
        using var fusing = snapshot.Time(SearchStages.Fusion);
        var fused = HybridFusion.Fuse(
                fusion,
                byKeyword.Matches.Select(m => (m.Doc, m.Score)).ToList(),
                byMeaning.Select(h => (h.BriefDoc, h.Score)).ToList(),
                _semanticWeight)
            .Select(f => new BriefMatch(f.Id, f.Score))
            .ToList();
        return new ModeMatches(fused, byKeyword.DidYouMean, byKeyword.Highlight)
        {
            Evidence = SemanticSearchMode.Evidence(byMeaning),
        };
    }
}
