using System.Numerics.Tensors;

namespace SearchService.Embeddings;

/// <summary>
/// Two sentence encoders as one: a text's vector is the two models' vectors side by side, each part scaled so
/// that the dot product of two combined vectors is a weighted mean of the two models' cosines, every model
/// weighted by 1 / its <see cref="SimilarityScale.UnrelatedSpread"/>. So each model moves the combined score as
/// much as the other (Arctic-embed-xs's cosines spread half as widely as MiniLM's, so it counts twice), and
/// the combined vector is still a unit vector searched like any other.
/// </summary>
/// <remarks>
/// Better than either model alone on SciFact, semantic and hybrid (docs/relevance.md), for both models' encoding time.
/// </remarks>
public sealed class CombinedTextEncoder : ITextEncoder
{
    private readonly ITextEncoder _first;
    private readonly ITextEncoder _second;
    private readonly float _firstScale;
    private readonly float _secondScale;

    /// <summary>Takes ownership of both encoders (disposes them).</summary>
    public CombinedTextEncoder(ITextEncoder first, ITextEncoder second)
    {
        _first = first;
        _second = second;
        var firstWeight = 1 / first.Similarity.UnrelatedSpread;
        var secondWeight = 1 / second.Similarity.UnrelatedSpread;
        var total = firstWeight + secondWeight;
        // Dot product of combined vectors = firstScale² · cosine₁ + secondScale² · cosine₂, with the squares summing to 1.
        _firstScale = MathF.Sqrt(firstWeight / total);
        _secondScale = MathF.Sqrt(secondWeight / total);
        Similarity = new SimilarityScale(
            (firstWeight * first.Similarity.UnrelatedMean + secondWeight * second.Similarity.UnrelatedMean) / total,
            // The parts' spreads added as if they moved together: an upper bound, so cut-offs stay on the safe side.
            (firstWeight * first.Similarity.UnrelatedSpread + secondWeight * second.Similarity.UnrelatedSpread) / total);
    }

    public int Dimensions => _first.Dimensions + _second.Dimensions;

    public string ModelName => $"{_first.ModelName}+{_second.ModelName}";

    public int MaxTokens => Math.Min(_first.MaxTokens, _second.MaxTokens);

    public SimilarityScale Similarity { get; }

    /// <summary>Both models at once (each encodes queries on a thread of its own): a person waits for this.</summary>
    public float[] EncodeQuery(string query, CancellationToken cancellationToken = default)
    {
        var first = _first.EncodeQueryAsync(query, cancellationToken);
        var second = _second.EncodeQueryAsync(query, cancellationToken);
        return Combine(first.GetAwaiter().GetResult(), second.GetAwaiter().GetResult());
    }

    public async Task<float[]> EncodeQueryAsync(string query, CancellationToken cancellationToken = default)
    {
        var first = _first.EncodeQueryAsync(query, cancellationToken);
        var second = _second.EncodeQueryAsync(query, cancellationToken);
        return Combine(await first.ConfigureAwait(false), await second.ConfigureAwait(false));
    }

    public async Task<float[]> EncodeQueryPieceAsync(string piece, CancellationToken cancellationToken = default)
    {
        var first = _first.EncodeQueryPieceAsync(piece, cancellationToken);
        var second = _second.EncodeQueryPieceAsync(piece, cancellationToken);
        return Combine(await first.ConfigureAwait(false), await second.ConfigureAwait(false));
    }

    public float[] EncodePassage(string passage, CancellationToken cancellationToken = default) =>
        Combine(_first.EncodePassage(passage, cancellationToken), _second.EncodePassage(passage, cancellationToken));

    public float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        // Fewer texts than cores (a pasted paragraph searched as a query is one or two) would leave cores idle in each
        // model's pass, while a person waits: the two models then run side by side instead of one after the other.
        if (passages.Count < Environment.ProcessorCount && progress is null)
        {
            var secondPass = Task.Run(() => _second.EncodePassages(passages, null, cancellationToken), cancellationToken);
            var firstVectors = _first.EncodePassages(passages, null, cancellationToken);
            var secondVectors = secondPass.GetAwaiter().GetResult();
            return firstVectors.Select((vector, i) => Combine(vector, secondVectors[i])).ToArray();
        }

        // Progress counts both passes: the first model's, then the second's.
        var first = _first.EncodePassages(passages, progress is null ? null : (done, total) => progress(done, 2 * total), cancellationToken);
        var second = _second.EncodePassages(passages, progress is null ? null : (done, total) => progress(total + done, 2 * total), cancellationToken);
        return first.Select((vector, i) => Combine(vector, second[i])).ToArray();
    }

    private float[] Combine(float[] first, float[] second)
    {
        var combined = new float[first.Length + second.Length];
        TensorPrimitives.Multiply(first, _firstScale, combined.AsSpan(0, first.Length));
        TensorPrimitives.Multiply(second, _secondScale, combined.AsSpan(first.Length));
        return combined;
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }
}
