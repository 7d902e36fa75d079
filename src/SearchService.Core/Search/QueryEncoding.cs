using SearchService.Embeddings;
using SearchService.Core.Passages;
using SearchService.Core.Semantic;

namespace SearchService.Core.Search;

/// <summary>
/// The vector a query is searched with. A short query is encoded as a query. A long text is cut into passages
/// as briefs are (80–130 words, within the encoder's window, so nothing is truncated), at most
/// <see cref="MaxPieces"/> spread evenly over it, each encoded as a passage is (no query instruction) on the encoder's
/// query path (its threads and faster query models, behind short queries); the vector is their normalised mean (the
/// text's centroid: one scan, and each piece counts alike).
/// </summary>
public static class QueryEncoding
{
    /// <summary>Pieces encoded at most: ~4 ms each per model, so a 200,000-character text costs what ~6,000 words do.</summary>
    public const int MaxPieces = 48;

    /// <summary>The vector, waited for on the calling thread (the CLI, evaluations, themes).</summary>
    public static float[] Encode(ITextEncoder encoder, string text) =>
        LongQuery.IsLong(text) ? EncodeAsync(encoder, text, CancellationToken.None).GetAwaiter().GetResult() : encoder.EncodeQuery(text);

    /// <summary>The vector, awaited: no thread waits while the encoder's threads work (a server's requests).</summary>
    public static async Task<float[]> EncodeAsync(ITextEncoder encoder, string text, CancellationToken cancellationToken)
    {
        if (!LongQuery.IsLong(text)) return await encoder.EncodeQueryAsync(text, cancellationToken).ConfigureAwait(false);
        var pieces = PassageBuilder.Chunk(text).ToList();
        if (pieces.Count > MaxPieces) pieces = Enumerable.Range(0, MaxPieces).Select(i => pieces[(int)((long)i * pieces.Count / MaxPieces)]).ToList();
        // The text's vector is computed as a brief's is from its passages.
        return PassageEmbedder.BriefVector(await Task.WhenAll(pieces.Select(piece => encoder.EncodeQueryPieceAsync(piece, cancellationToken))).ConfigureAwait(false));
    }
}
