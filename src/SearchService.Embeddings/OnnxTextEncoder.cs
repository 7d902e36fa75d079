using System.Reflection;
using BERTTokenizers.Base;

namespace SearchService.Embeddings;

/// <summary>
/// What the packaged encoders have in common: load the package's ONNX model with our session options, and
/// hand every call to <see cref="OnnxEncoderCore"/>. A subclass names the model, its tokenizer and its query prefix.
/// </summary>
public abstract class OnnxTextEncoder : ITextEncoder
{
    private const int VectorDimensions = 384;

    private readonly OnnxEncoderCore _core;

    private protected OnnxTextEncoder(OnnxEncoderCore core) => _core = core;

    /// <summary>
    /// Loads the model the package <paramref name="modelAssembly"/> embeds, twice when queries get their own thread count
    /// (<see cref="TextEncoderOptions.QueryIntraOpNumThreads"/>) or int8 weights (<see cref="TextEncoderOptions.Int8QueryWeights"/>), disposing what was loaded if the rest of the set-up fails.
    /// </summary>
    private protected static OnnxEncoderCore CreateCore(
        TextEncoderOptions? options, Assembly modelAssembly, TokenPooling pooling, TokenizerBase tokenizer, string? queryPrefix, int defaultMaxTokens, string modelName)
    {
        options ??= TextEncoderOptions.Default;
        options.Validate();
        var sessions = new List<SentenceModelSession>();
        SharedModelTables? shared = null;
        try
        {
            SentenceModelSession passages, queries;
            if (options.QueryIntraOpNumThreads != options.IntraOpNumThreads || options.Int8QueryWeights)
            {
                // The query session first: it parses the model, and the tables it finds are the passage session's too.
                sessions.Add(queries = OnnxEncoderCore.LoadQueryModel(modelAssembly, pooling, VectorDimensions, options.QueryIntraOpNumThreads, options.Int8QueryWeights, out shared));
                sessions.Add(passages = OnnxEncoderCore.LoadModel(modelAssembly, pooling, VectorDimensions, options.IntraOpNumThreads, shared));
            }
            else
            {
                sessions.Add(passages = queries = OnnxEncoderCore.LoadModel(modelAssembly, pooling, VectorDimensions, options.IntraOpNumThreads));
            }
            return new OnnxEncoderCore(passages, queries, new Sessions(sessions, shared), tokenizer, queryPrefix, options.MaxTokens ?? defaultMaxTokens, options, modelName);
        }
        catch
        {
            foreach (var session in sessions) session.Dispose();
            shared?.Dispose();
            throw;
        }
    }

    /// <summary>A model's sessions, then the tables they share.</summary>
    private sealed class Sessions(List<SentenceModelSession> sessions, SharedModelTables? shared) : IDisposable
    {
        public void Dispose()
        {
            foreach (var session in sessions) session.Dispose();
            shared?.Dispose();
        }
    }

    /// <inheritdoc />
    public int Dimensions => _core.Dimensions;

    /// <inheritdoc />
    public abstract string ModelName { get; }

    /// <inheritdoc />
    public int MaxTokens => _core.MaxTokens;

    /// <inheritdoc />
    public abstract SimilarityScale Similarity { get; }

    internal OnnxEncoderCore Core => _core;

    /// <inheritdoc />
    public float[] EncodeQuery(string query, CancellationToken cancellationToken = default) =>
        _core.EncodeQuery(query, cancellationToken);

    /// <inheritdoc />
    public Task<float[]> EncodeQueryAsync(string query, CancellationToken cancellationToken = default) =>
        _core.EncodeQueryAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<float[]> EncodeQueryPieceAsync(string piece, CancellationToken cancellationToken = default) =>
        _core.EncodeQueryPieceAsync(piece, cancellationToken);

    /// <inheritdoc />
    public float[] EncodePassage(string passage, CancellationToken cancellationToken = default) =>
        _core.EncodePassage(passage, cancellationToken);

    /// <inheritdoc />
    public float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default) =>
        _core.EncodePassages(passages, progress, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _core.Dispose();
        GC.SuppressFinalize(this);
    }
}
