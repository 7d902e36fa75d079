using SearchService.Core.Passages;
using SearchService.Core.Briefs;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing;

/// <summary>
/// One brief ready to be written: its passages, their vectors (when semantic search is on) and its original.
/// Preparing is the slow part (encoding, from the embedding cache where the text was encoded before) and holds no
/// lock; writing is quick, and the same prepared brief can be written again into another generation.
/// </summary>
internal sealed record PreparedBrief(Brief Brief, IReadOnlyList<Passage> Passages, float[][]? Vectors, BriefOriginal? Original)
{
    /// <summary>Encodes <paramref name="passages"/> of <paramref name="brief"/> with <paramref name="embedder"/>; without one, no vectors.</summary>
    public static PreparedBrief Prepare(Brief brief, IReadOnlyList<Passage> passages, PassageEmbedder? embedder, BriefOriginal? original, CancellationToken cancellationToken = default) =>
        new(brief, passages, embedder?.Embed(passages.Select(p => (brief, p)).ToList(), cancellationToken: cancellationToken), original);

    /// <summary>
    /// Prepares many briefs with one call to the encoder (batches keep every core busy), each with its built passages
    /// and without an original.
    /// </summary>
    public static List<PreparedBrief> PrepareAll(IReadOnlyList<Brief> briefs, PassageEmbedder? embedder)
    {
        var passages = briefs.Select(b => PassageBuilder.Build(b)).ToList();
        var vectors = embedder?.Embed(briefs.Zip(passages).SelectMany(p => p.Second.Select(x => (p.First, x))).ToList());
        var prepared = new List<PreparedBrief>(briefs.Count);
        var offset = 0;
        for (var i = 0; i < briefs.Count; i++)
        {
            prepared.Add(new PreparedBrief(briefs[i], passages[i], vectors?[offset..(offset + passages[i].Count)], null));
            offset += passages[i].Count;
        }
        return prepared;
    }

    /// <summary>Adds or replaces the brief in <paramref name="index"/> (uncommitted).</summary>
    public void WriteTo(BriefIndex index) => index.Upsert(Brief, Passages, Vectors, Original);
}
