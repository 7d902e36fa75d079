using SearchService.Embeddings;

namespace SearchService.Core.Search;

/// <summary>
/// Matching by meaning: the briefs whose best passage is closest to the query's embedding, down to
/// <see cref="SemanticSearcher.MinimumSpreadsAboveUnrelated"/> on the encoder's scale and at most <see cref="MaxBriefs"/>, so facets count a
/// set of briefs that are actually about the query.
/// </summary>
public sealed class SemanticSearchMode(ITextEncoder encoder) : ISearchMode
{
    public const string ModeName = "semantic";
    public const int MaxBriefs = 100;

    public string Name => ModeName;

    public ITextEncoder Encoder => encoder;

    ModeMatches ISearchMode.Match(SearchRequest request, SearchSnapshot snapshot) =>
        ToMatches(Hits(request.Query!, snapshot));

    internal List<SemanticMatch> Hits(string query, SearchSnapshot snapshot)
    {
        float[] vector;
        using (snapshot.Time(SearchStages.Encode)) vector = QueryEncoding.Encode(encoder, query);
        using (snapshot.Time(SearchStages.Vectors))
        {
            return SemanticSearcher.Search(snapshot.Searcher, snapshot.BriefDocs, vector, MaxBriefs)
                .Where(h => h.Score >= encoder.Similarity.Above(SemanticSearcher.MinimumSpreadsAboveUnrelated))
                .ToList();
        }
    }

    internal static ModeMatches ToMatches(List<SemanticMatch> hits) =>
        new(hits.Select(h => new BriefMatch(h.BriefDoc, h.Score)).ToList())
        {
            Evidence = Evidence(hits),
        };

    internal static Dictionary<int, IReadOnlyList<int>> Evidence(IEnumerable<SemanticMatch> hits) =>
        hits.ToDictionary(h => h.BriefDoc, h => (IReadOnlyList<int>)h.Passages.Select(p => p.Doc).ToList());
}
