using SearchService.Core.Indexing;
using SearchService.Core.Indexing.Vectors;
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

    /// <summary>Fewer briefs than this above the cut-off, and the graph is searched again, wider.</summary>
    internal const int FewHits = 10;

    public string Name => ModeName;

    public ITextEncoder Encoder => encoder;

    ModeMatches ISearchMode.Match(SearchRequest request, SearchSnapshot snapshot) =>
        ToMatches(Hits(request.Query!, snapshot));

    Task<EncodedQuery?> ISearchMode.EncodeAsync(SearchRequest request, CancellationToken cancellationToken) =>
        EncodeAsync(request.Query!, cancellationToken);

    /// <summary>A short query's vector, encoded on the encoder's own threads; null for a long text (encoded as passages, in <see cref="Hits"/>).</summary>
    internal async Task<EncodedQuery?> EncodeAsync(string query, CancellationToken cancellationToken) =>
        LongQuery.IsLong(query) ? null : new EncodedQuery(query, await encoder.EncodeQueryAsync(query, cancellationToken).ConfigureAwait(false));

    internal List<SemanticMatch> Hits(string query, SearchSnapshot snapshot)
    {
        float[] vector;
        if (snapshot.Encoded is { } encoded && encoded.Text == query) vector = encoded.Vector;
        else
        {
            using (snapshot.Time(SearchStages.Encode)) vector = QueryEncoding.Encode(encoder, query);
        }
        using (snapshot.Time(SearchStages.Vectors))
        {
            var minimum = encoder.Similarity.Above(SemanticSearcher.MinimumSpreadsAboveUnrelated);
            var hits = SemanticSearcher.Search(snapshot.Searcher, snapshot.BriefDocs, vector, MaxBriefs).Where(h => h.Score >= minimum).ToList();
            // Exact scans (small segments) found all there is; a graph walk may have stopped short (a short query lands far
            // from every passage; docs/vector-search.md), and one four times as broad settles whether few briefs exist.
            if (hits.Count >= FewHits || !VectorSearch.Approximate(snapshot.Searcher, IndexFields.Vector, vector.Length)) return hits;
            return SemanticSearcher.Search(snapshot.Searcher, snapshot.BriefDocs, vector, MaxBriefs, 4 * SemanticSearcher.PassagesPerBrief).Where(h => h.Score >= minimum).ToList();
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
