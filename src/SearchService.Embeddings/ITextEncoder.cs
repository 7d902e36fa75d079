namespace SearchService.Embeddings;

/// <summary>
/// Turns text into an L2-normalised dense vector for cosine (= dot product) retrieval.
/// </summary>
/// <remarks>
/// Queries and passages are separate methods because asymmetric models (e.g. Arctic-embed) encode a
/// query with an instruction prefix and a passage without one; symmetric models treat both alike.
/// Implementations are thread-safe: one instance is meant to be shared by the whole process and may be
/// called from several threads at once (that is how it uses more than one core).
/// </remarks>
public interface ITextEncoder : IDisposable
{
    /// <summary>Length of every vector returned (384 for MiniLM-L6 and Arctic-embed-xs).</summary>
    int Dimensions { get; }

    /// <summary>Identifier of the model, e.g. <c>sentence-transformers/all-MiniLM-L6-v2</c>; store it beside persisted vectors.</summary>
    string ModelName { get; }

    /// <summary>Longest input, in word pieces including [CLS] and [SEP]; longer text is truncated at a word boundary.</summary>
    int MaxTokens { get; }

    /// <summary>Where this model's cosine similarities lie for unrelated texts: cut-offs are stated on this scale.</summary>
    SimilarityScale Similarity { get; }

    /// <summary>Encodes a search query. Returns a new L2-normalised array of <see cref="Dimensions"/> floats.</summary>
    float[] EncodeQuery(string query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts encoding a search query; the result is what <see cref="EncodeQuery"/> returns. Encoders that queue
    /// queries for a thread of their own (the ONNX ones) return at once, so one caller can have two models encode side
    /// by side without blocking a thread per model; the default encodes on the calling thread.
    /// </summary>
    Task<float[]> EncodeQueryAsync(string query, CancellationToken cancellationToken = default) =>
        Task.FromResult(EncodeQuery(query, cancellationToken));

    /// <summary>
    /// Starts encoding a piece of a long text searched for ("briefs like this text"): as a passage is encoded (no query
    /// instruction, so it lands where passages do), but on the query path, which a person waits for. The ONNX encoders
    /// queue it for their query threads and models; the default encodes it as a passage on the calling thread.
    /// </summary>
    Task<float[]> EncodeQueryPieceAsync(string piece, CancellationToken cancellationToken = default) =>
        Task.FromResult(EncodePassage(piece, cancellationToken));

    /// <summary>Encodes a passage (document text) to be searched. Returns a new L2-normalised array of <see cref="Dimensions"/> floats.</summary>
    float[] EncodePassage(string passage, CancellationToken cancellationToken = default);

    /// <summary>
    /// Encodes many passages on several threads (one text per model call: on CPU that is faster than padded batches).
    /// </summary>
    /// <param name="passages">Texts to encode; result <c>i</c> belongs to <c>passages[i]</c>.</param>
    /// <param name="progress">
    /// Optional; called after each passage with (completed, total). Calls are serialised and <c>completed</c>
    /// increases by one each time, but they come from worker threads: keep the callback cheap.
    /// </param>
    /// <param name="cancellationToken">Stops the work; <see cref="OperationCanceledException"/> is thrown.</param>
    float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default);
}
