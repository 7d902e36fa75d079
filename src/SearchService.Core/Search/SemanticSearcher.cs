using Lucene.Net.Index;
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
    internal const int PassagesPerBrief = 8;

    /// <summary>Passages a hit keeps, best first: its snippets by meaning.</summary>
    internal const int PassagesPerHit = 3;

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
        // Document numbers mean nothing once the searcher is released: the hits carry ids only.
        var passageIds = new HashSet<string> { IndexFields.PassageId };
        return Search(searcher, SegmentBriefDocs.Of(index), queryVector, briefs)
            .Select(m => new SemanticHit(m.BriefId, m.Score, m.Passages.Select(p => new PassageScore(searcher.Doc(p.Doc, passageIds).Get(IndexFields.PassageId), p.Score)).ToList()))
            .ToList();
    }

    /// <summary>
    /// The same, on a searcher the caller holds (one point-in-time view for a whole search); documents are that
    /// searcher's. The graph is asked for <paramref name="breadth"/> passages per wanted brief, which is also how broad its walk is.
    /// </summary>
    internal static List<SemanticMatch> Search(IndexSearcher searcher, SegmentBriefDocs briefDocs, float[] queryVector, int briefs, int breadth = PassagesPerBrief) =>
        RollUp(searcher, briefDocs, VectorSearch.Nearest(searcher, IndexFields.Vector, queryVector, briefs * breadth), briefs);

    /// <summary>
    /// The brief's passages scored exactly against <paramref name="queryVector"/>, best first, at most
    /// <see cref="PassagesPerHit"/>: what the graph walk would have returned for this brief had it reached it. Empty when it has no vectors.
    /// </summary>
    internal static List<(int Doc, float Score)> BestPassages(IndexSearcher searcher, SegmentBriefDocs briefDocs, int briefDoc, float[] queryVector)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(briefDoc, leaves)];
        var vectors = VectorSearch.Segment(searcher, leaf, IndexFields.Vector, queryVector.Length);
        var (start, end) = briefDocs.PassagesOf(leaves, briefDoc);
        var scored = new List<(int Doc, float Score)>();
        for (var doc = start; doc < end; doc++)
        {
            var score = vectors.Dot(doc - leaf.DocBase, queryVector);
            if (!float.IsNaN(score)) scored.Add((doc, score));
        }
        return scored.OrderByDescending(p => p.Score).ThenBy(p => p.Doc).Take(PassagesPerHit).ToList();
    }

    internal static List<SemanticMatch> RollUp(IndexSearcher searcher, SegmentBriefDocs briefDocs, List<(int Doc, float Score)> passages, int briefs)
    {
        // Keyed by the brief's document (a bit-set lookup); the id string is read only for the briefs kept.
        var ids = new BriefIdLookup(searcher);
        var leaves = searcher.IndexReader.Leaves;
        var byBrief = new Dictionary<int, SemanticMatch>();
        var order = new List<SemanticMatch>();
        foreach (var (doc, score) in passages)
        {
            var briefDoc = briefDocs.BriefDocOf(leaves, doc);
            if (briefDoc < 0) continue; // a passage without its brief cannot be a result
            if (byBrief.TryGetValue(briefDoc, out var match))
            {
                if (match.Passages.Count < PassagesPerHit) match.Passages.Add((doc, score));
                continue;
            }
            if (order.Count == briefs) continue;
            match = new SemanticMatch(briefDoc, ids.Get(briefDoc), score, [(doc, score)]);
            byBrief[briefDoc] = match;
            order.Add(match);
        }
        return order;
    }
}

/// <summary>A brief found by meaning: its score is its best passage's cosine similarity; its best passages, best first.</summary>
public sealed record SemanticHit(string BriefId, float Score, IReadOnlyList<PassageScore> Passages);

/// <summary>A passage (by id) and its similarity to the query.</summary>
public sealed record PassageScore(string PassageId, float Score);

/// <summary>
/// A brief found by meaning, by its document in the searcher it came from: valid only while that searcher is held
/// (inside one <see cref="SearcherLease"/> or <see cref="SearchSnapshot"/>). Its passages are documents of the same searcher.
/// </summary>
internal sealed record SemanticMatch(int BriefDoc, string BriefId, float Score, List<(int Doc, float Score)> Passages);
