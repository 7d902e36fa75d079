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

    /// <summary>The query's vector, encoded on the encoder's own threads (a long text piece by piece: <see cref="QueryEncoding"/>).</summary>
    internal async Task<EncodedQuery?> EncodeAsync(string query, CancellationToken cancellationToken) =>
        new EncodedQuery(query, await QueryEncoding.EncodeAsync(encoder, query, cancellationToken).ConfigureAwait(false));

    /// <summary>The briefs whose passages are nearest <paramref name="query"/>'s vector (encoded ahead when the snapshot holds it), best first.</summary>
    /// <param name="query">The query text.</param>
    /// <param name="snapshot">The point-in-time view searched.</param>
    /// <param name="alsoCheck">
    /// The best briefs by another signal (hybrid's keyword side; documents of the snapshot), asked for only when the
    /// graph walk found fewer than <see cref="FewHits"/>. When they are at least as many, they are scored exactly instead
    /// of walking the graph again (<see cref="WithMissedBriefs"/>): the query has its results, and whether the walk
    /// missed the briefs that decide them is settled by reading those briefs alone.
    /// </param>
    internal List<SemanticMatch> Hits(string query, SearchSnapshot snapshot, Func<IReadOnlyCollection<int>>? alsoCheck = null)
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
            if (alsoCheck?.Invoke() is { Count: >= FewHits } others) return WithMissedBriefs(hits, others, vector, minimum, snapshot);
            return SemanticSearcher.Search(snapshot.Searcher, snapshot.BriefDocs, vector, MaxBriefs, 4 * SemanticSearcher.PassagesPerBrief).Where(h => h.Score >= minimum).ToList();
        }
    }

    /// <summary>
    /// <paramref name="hits"/> with each brief of <paramref name="briefs"/> they lack scored exactly (its best passage) and
    /// added when it scores above the last hit (or above <paramref name="minimum"/> while there are fewer than
    /// <see cref="MaxBriefs"/>): a brief the graph walk should have returned. The list stays best first and at most
    /// <see cref="MaxBriefs"/> long.
    /// </summary>
    internal static List<SemanticMatch> WithMissedBriefs(List<SemanticMatch> hits, IReadOnlyCollection<int> briefs, float[] vector, float minimum, SearchSnapshot snapshot)
    {
        var found = hits.Select(h => h.BriefDoc).ToHashSet();
        var ids = new BriefIdLookup(snapshot.Searcher);
        foreach (var briefDoc in briefs)
        {
            if (found.Contains(briefDoc)) continue;
            var floor = hits.Count < MaxBriefs ? minimum : hits[^1].Score;
            if (SemanticSearcher.BestPassages(snapshot.Searcher, snapshot.BriefDocs, briefDoc, vector) is not { Count: > 0 } passages || passages[0].Score <= floor) continue;
            // Before the first hit it outscores: the others keep the order the walk gave them.
            var at = hits.FindIndex(h => h.Score < passages[0].Score);
            hits.Insert(at < 0 ? hits.Count : at, new SemanticMatch(briefDoc, ids.Get(briefDoc), passages[0].Score, passages));
            if (hits.Count > MaxBriefs) hits.RemoveAt(hits.Count - 1);
        }
        return hits;
    }

    internal static ModeMatches ToMatches(List<SemanticMatch> hits) =>
        new(hits.Select(h => new BriefMatch(h.BriefDoc, h.Score)).ToList())
        {
            Evidence = Evidence(hits),
        };

    internal static Dictionary<int, IReadOnlyList<int>> Evidence(IEnumerable<SemanticMatch> hits) =>
        hits.ToDictionary(h => h.BriefDoc, h => (IReadOnlyList<int>)h.Passages.Select(p => p.Doc).ToList());
}
