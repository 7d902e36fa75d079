using SearchService.Core.Caching;
using SearchService.Embeddings;

namespace SearchService.Core.Semantic;

/// <summary>
/// The encoder as searches use it: query vectors are remembered (bounded, least recently used dropped) by the
/// query's text with white space folded, so a query many readers type is encoded once. Passages go straight to
/// the encoder. One cache per encoder, so vectors of two models never mix.
/// </summary>
public sealed class CachedQueryEncoder(ITextEncoder encoder, int capacity = CachedQueryEncoder.DefaultCapacity) : ITextEncoder
{
    public const int DefaultCapacity = 10_000;
    private readonly BoundedCache<string, float[]> _vectors = new(capacity, StringComparer.Ordinal);

    public int Dimensions => encoder.Dimensions;
    public string ModelName => encoder.ModelName;
    public int MaxTokens => encoder.MaxTokens;
    public SimilarityScale Similarity => encoder.Similarity;

    public long Hits => _vectors.Hits;
    public long Misses => _vectors.Misses;
    public int Count => _vectors.Count;

    public float[] EncodeQuery(string query, CancellationToken cancellationToken = default)
    {
        var key = Key(query);
        if (_vectors.TryGet(key, out var known)) return known;
        var vector = encoder.EncodeQuery(query, cancellationToken);
        _vectors.Set(key, vector);
        return vector;
    }

    public async Task<float[]> EncodeQueryAsync(string query, CancellationToken cancellationToken = default)
    {
        var key = Key(query);
        if (_vectors.TryGet(key, out var known)) return known;
        var vector = await encoder.EncodeQueryAsync(query, cancellationToken).ConfigureAwait(false);
        _vectors.Set(key, vector);
        return vector;
    }

    private static string Key(string query) => string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public Task<float[]> EncodeQueryPieceAsync(string piece, CancellationToken cancellationToken = default) => encoder.EncodeQueryPieceAsync(piece, cancellationToken);

    public float[] EncodePassage(string passage, CancellationToken cancellationToken = default) => encoder.EncodePassage(passage, cancellationToken);

    public float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default) =>
        encoder.EncodePassages(passages, progress, cancellationToken);

    /// <summary>The encoder belongs to whoever created it.</summary>
    public void Dispose()
    {
    }
}
