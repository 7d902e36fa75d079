namespace SearchService.Core.Search;

/// <summary>
/// Keywords and meaning together: the keyword matches (with typo tolerance) and the semantic matches,
/// fused by a weighted sum of z-normalised scores (<see cref="HybridFusion.ZScores"/>, weight
/// <see cref="SemanticWeight"/>, tuned on SciFact's train split). The matched set is the union, so
/// facets count both.
/// </summary>
public sealed class HybridSearchMode(KeywordSearchMode keyword, SemanticSearchMode semantic, FusionMethod fusion = FusionMethod.ZScore, float semanticWeight = HybridSearchMode.SemanticWeight) : ISearchMode
{
    public const string ModeName = "hybrid";

    /// <summary>Share of the semantic score in the fused one. SciFact train: 0.736 at 0.4, 0.738 at 0.5, 0.739 at 0.6; 0.5 kept, the difference is noise.</summary>
    public const float SemanticWeight = 0.5f;

    public string Name => ModeName;

    public ModeMatches Match(SearchRequest request, SearchSnapshot snapshot)
    {
        var byKeyword = keyword.Match(request, snapshot);
        var byMeaning = semantic.Hits(byKeyword.DidYouMean ?? request.Query!, snapshot);

        // Fuse by brief document: both lists come from the same snapshot.
        var fused = HybridFusion.Fuse(
                fusion,
                byKeyword.Matches.Select(m => (m.Doc, m.Score)).ToList(),
                byMeaning.Select(h => (h.BriefDoc, h.Score)).ToList(),
                semanticWeight)
            .Select(f => new BriefMatch(f.Id, f.Score))
            .ToList();
        return new ModeMatches(fused, byKeyword.DidYouMean, byKeyword.Highlight)
        {
            Evidence = SemanticSearchMode.Evidence(byMeaning),
        };
    }
}
