using System.Numerics.Tensors;
using SearchService.Core.Search;
using SearchService.Embeddings;
using SearchService.Core.Passages;

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
        LongQuery.IsLong(text) ? Centroid(encoder, Task.WhenAll(PiecesOf(text).Select(piece => encoder.EncodeQueryPieceAsync(piece))).GetAwaiter().GetResult())
            : encoder.EncodeQuery(text);

    /// <summary>The vector, awaited: no thread waits while the encoder's threads work (a server's requests).</summary>
    public static async Task<float[]> EncodeAsync(ITextEncoder encoder, string text, CancellationToken cancellationToken) =>
        LongQuery.IsLong(text)
            ? Centroid(encoder, await Task.WhenAll(PiecesOf(text).Select(piece => encoder.EncodeQueryPieceAsync(piece, cancellationToken))).ConfigureAwait(false))
            : await encoder.EncodeQueryAsync(text, cancellationToken).ConfigureAwait(false);

    private static List<string> PiecesOf(string text)
    {
        var pieces = PassageBuilder.Chunk(text).ToList();
        return pieces.Count <= MaxPieces ? pieces : Enumerable.Range(0, MaxPieces).Select(i => pieces[(int)((long)i * pieces.Count / MaxPieces)]).ToList();
    }

    private static float[] Centroid(ITextEncoder encoder, float[][] vectors)
    {
        var mean = new float[encoder.Dimensions];
        foreach (var vector in vectors) TensorPrimitives.Add(mean, vector, mean);
        var norm = TensorPrimitives.Norm(mean);
        if (norm > 0) TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }
}
