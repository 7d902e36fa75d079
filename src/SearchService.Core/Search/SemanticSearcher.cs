using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Embeddings;
using SearchService.Core.Indexing.Vectors;

namespace SearchService.Core.Search;

/// <summary>
/// Semantic search at passage level: the query's vector against every passage vector, passages rolled
/// up to their brief (a brief scores as its best passage), best passages kept as evidence.
/// </summary>
public sealed class SemanticSearcher(BriefIndex index, ITextEncoder encoder)
{
    /// <summary>How many passages to consider per wanted brief: briefs have many passages, and the best ones cluster.</summary>
    private const int PassagesPerBrief = 8;

    /// <summary>
    /// Standard deviations above an unrelated pair's cosine (on the encoder's <see cref="SimilarityScale"/>) below
    /// which a passage is not about the query, however well it ranks: a semantic ranking always has a top, even
    /// for a topic no brief covers. (0.3 for MiniLM, 0.6 for Arctic-embed-xs, 0.5 for both combined.)
    /// </summary>
    public const float MinimumSpreadsAboveUnrelated = 2f;

    public ITextEncoder Encoder => encoder;

    /// <summary>Briefs ranked by their best passage's similarity to <paramref name="query"/>, with their best passages.</summary>
    public IReadOnlyList<SemanticHit> Search(string query, int briefs) => Search(encoder.EncodeQuery(query), briefs);

    public IReadOnlyList<SemanticHit> Search(float[] queryVector, int briefs)
    {
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        return Search(searcher, queryVector, briefs);
    }

    /// <summary>The same, on a searcher the caller holds (one point-in-time view for a whole search).</summary>
    internal static List<SemanticHit> Search(IndexSearcher searcher, float[] queryVector, int briefs) =>
        RollUp(searcher, VectorSearch.Nearest(searcher, IndexFields.Vector, queryVector, briefs * PassagesPerBrief), briefs);

    internal static List<SemanticHit> RollUp(IndexSearcher searcher, List<(int Doc, float Score)> passages, int briefs)
    {
        // Keyed by the brief's document (a bit-set lookup); the id string is read only for the briefs kept.
        var ids = new BriefIdLookup(searcher);
        var byBrief = new Dictionary<int, SemanticHit>();
        var order = new List<SemanticHit>();
        foreach (var (doc, score) in passages)
        {
            var briefDoc = ids.BriefDocOf(doc);
            if (briefDoc < 0) continue; // a passage without its brief cannot be a result
            if (byBrief.TryGetValue(briefDoc, out var hit))
            {
                if (hit.Passages.Count < 3) hit.Passages.Add(new PassageMatch(doc, score));
                continue;
            }
            if (order.Count == briefs) continue;
            hit = new SemanticHit(ids.Get(briefDoc), score, [new PassageMatch(doc, score)]) { BriefDoc = briefDoc };
            byBrief[briefDoc] = hit;
            order.Add(hit);
        }
        return order;
    }
}

/// <summary>A brief found by meaning: its score is its best passage's cosine similarity.</summary>
public sealed record SemanticHit(string BriefId, float Score, List<PassageMatch> Passages)
{
    /// <summary>The brief's own document in the searcher the hit came from (-1 when it was not looked up).</summary>
    public int BriefDoc { get; init; } = -1;
}

/// <summary>A passage document and its similarity to the query.</summary>
public sealed record PassageMatch(int Doc, float Score);
