using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace SearchService.Embeddings;

/// <summary>
/// What the packaged encoders have in common: load the package's ONNX encoder with our session options, and
/// hand every call to <see cref="OnnxEncoderCore"/>. A subclass names the model, its tokenizer and its query prefix.
/// </summary>
public abstract class OnnxTextEncoder : ITextEncoder
{
    private const int VectorDimensions = 384;

    private readonly OnnxEncoderCore _core;

    private protected OnnxTextEncoder(OnnxEncoderCore core) => _core = core;

    /// <summary>
    /// Loads the package encoder <paramref name="createEncoder"/> makes, twice when queries get their own thread count
    /// (<see cref="TextEncoderOptions.QueryIntraOpNumThreads"/>), disposing what was loaded if the rest of the set-up fails.
    /// </summary>
    private protected static OnnxEncoderCore CreateCore<TEncoder>(
        TextEncoderOptions? options, Func<SessionOptions, TEncoder> createEncoder, TokenizerBase tokenizer, string? queryPrefix, int defaultMaxTokens)
        where TEncoder : class, ISentenceEncoder, IDisposable
    {
        options ??= TextEncoderOptions.Default;
        options.Validate();
        var sessions = new List<TEncoder>();
        try
        {
            var passages = OnnxEncoderCore.CreatePackageEncoder(options.IntraOpNumThreads, createEncoder);
            sessions.Add(passages);
            var queries = passages;
            if (options.QueryIntraOpNumThreads != options.IntraOpNumThreads)
            {
                queries = OnnxEncoderCore.CreatePackageEncoder(options.QueryIntraOpNumThreads, createEncoder);
                sessions.Add(queries);
            }
            return new OnnxEncoderCore(passages, queries, new Sessions<TEncoder>(sessions), tokenizer, queryPrefix, VectorDimensions, options.MaxTokens ?? defaultMaxTokens, options);
        }
        catch
        {
            foreach (var session in sessions) session.Dispose();
            throw;
        }
    }

    private sealed class Sessions<TEncoder>(List<TEncoder> sessions) : IDisposable where TEncoder : IDisposable
    {
        public void Dispose()
        {
            foreach (var session in sessions) session.Dispose();
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
