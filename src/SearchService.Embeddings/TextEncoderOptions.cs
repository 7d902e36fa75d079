namespace SearchService.Embeddings;

/// <summary>Run-time settings shared by the ONNX-backed encoders. The defaults are the measured optimum on a 2-core machine.</summary>
public sealed record TextEncoderOptions
{
    /// <summary>
    /// ONNX Runtime intra-op threads per model call. Default 1: one thread per call with calls made in parallel
    /// (<see cref="MaxDegreeOfParallelism"/>) beats one call spread over several threads for these small models.
    /// </summary>
    public int IntraOpNumThreads { get; init; } = 1;

    /// <summary>
    /// ONNX Runtime intra-op threads for <see cref="ITextEncoder.EncodeQuery"/>, which runs in a model session of its own.
    /// A query is one short text a person waits for, so here latency counts, not throughput: two threads encode
    /// a short query faster than one (docs/benchmarks.md).
    /// Default: one per core, at most 4 (past that the threads wait on each other for such short texts).
    /// </summary>
    public int QueryIntraOpNumThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Query model calls that may run at once, per model (each takes every query waiting when it starts, see
    /// <c>QueryBatcher</c>). Default: one per two cores, at least one: the default encoder runs two models side by side.
    /// </summary>
    public int QueryThreads { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Encode queries with a copy of the model whose matrix weights are int8 (<c>Int8MatrixWeights</c>); passages keep
    /// the float model, so the index's vectors are unchanged. Default true: a short query costs a quarter to a third of
    /// the time, at search quality within what was measured for it (docs/serving.md, "Queries encoded on int8 weights").
    /// </summary>
    public bool Int8QueryWeights { get; init; } = true;

    /// <summary>Threads used by <see cref="ITextEncoder.EncodePassages"/>. Default: one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Apply <see cref="BertTextNormalizer"/> before tokenising. Default true; false only to measure its effect
    /// (the package tokenizer then sees raw text and produces [UNK] for accented or unusual characters).
    /// </summary>
    public bool NormalizeText { get; init; } = true;

    /// <summary>
    /// Override of the model's word-piece limit (including [CLS] and [SEP]); null uses the model default
    /// (256 for MiniLM, 512 for Arctic-embed-xs). Values above 512 are clamped: the models have 512 positions.
    /// </summary>
    public int? MaxTokens { get; init; }

    /// <summary>The defaults.</summary>
    public static TextEncoderOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(IntraOpNumThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QueryIntraOpNumThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QueryThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1);
        if (MaxTokens is { } maxTokens)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 8, nameof(MaxTokens));
        }
    }
}
