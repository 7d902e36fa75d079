using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace SearchService.Embeddings;

/// <summary>How a model's per-token outputs become one sentence vector.</summary>
internal enum TokenPooling
{
    /// <summary>Mean of the tokens' vectors, padding left out (MiniLM).</summary>
    Mean,

    /// <summary>The [CLS] token's vector (Arctic-embed).</summary>
    Cls,
}

/// <summary>
/// One BERT-style sentence model in one ONNX Runtime session: runs a batch of word-piece id sequences (padded to the
/// longest, masked) and pools each sequence's token outputs into a vector, not yet normalised.
/// </summary>
/// <remarks>
/// The packages' own encode call pools through a tensor indexer that allocates an index array per element (for a
/// 256-piece passage, ~200,000 small arrays), and cost MiniLM ~0.7 ms of a 3.7 ms short query; this asks only for the
/// token outputs and pools over spans. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// may be called from several threads at once.
/// </remarks>
internal sealed class SentenceModelSession : IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly string[] _outputNames;
    private readonly TokenPooling _pooling;
    private readonly SessionOptions _options;

    /// <summary>Takes ownership of <paramref name="options"/> (disposed with the session).</summary>
    public SentenceModelSession(byte[] model, SessionOptions options, TokenPooling pooling, int dimensions)
    {
        _session = new InferenceSession(model, options);
        _options = options;
        _pooling = pooling;
        Dimensions = dimensions;
        // Both models name their per-token output so; MiniLM also has a pooler output nobody uses.
        _outputNames = ["last_hidden_state"];
        if (!_session.OutputMetadata.ContainsKey(_outputNames[0]))
        {
            throw new InvalidOperationException($"The model has no output '{_outputNames[0]}' (it has: {string.Join(", ", _session.OutputMetadata.Keys)}).");
        }
    }

    public int Dimensions { get; }

    /// <summary>One vector per sequence of <paramref name="inputIds"/> (each with [CLS] and [SEP]), in order.</summary>
    public float[][] Run(IReadOnlyList<long[]> inputIds, CancellationToken cancellationToken)
    {
        var count = inputIds.Count;
        var length = inputIds.Max(ids => ids.Length);
        var ids = new long[count * length];
        var mask = new long[count * length];
        var types = new long[count * length];
        for (var i = 0; i < count; i++)
        {
            inputIds[i].CopyTo(ids, i * length);
            mask.AsSpan(i * length, inputIds[i].Length).Fill(1);
        }

        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var tokens = outputs[0].GetTensorDataAsSpan<float>();
        if (tokens.Length != count * length * Dimensions)
        {
            throw new InvalidOperationException($"Model returned {tokens.Length} values for {count}×{length} tokens, expected {Dimensions} per token.");
        }

        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var sequence = tokens.Slice(i * length * Dimensions, length * Dimensions);
            var vector = vectors[i] = new float[Dimensions];
            if (_pooling == TokenPooling.Cls)
            {
                sequence[..Dimensions].CopyTo(vector);
                continue;
            }

            var real = inputIds[i].Length;
            for (var t = 0; t < real; t++)
            {
                TensorPrimitives.Add(vector, sequence.Slice(t * Dimensions, Dimensions), vector);
            }

            TensorPrimitives.Multiply(vector, 1f / real, vector);
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
