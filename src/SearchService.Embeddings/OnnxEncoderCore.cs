using System.Numerics.Tensors;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace SearchService.Embeddings;

/// <summary>
/// The shared machinery behind <see cref="MiniLmTextEncoder"/> and <see cref="ArcticXsTextEncoder"/>: normalise,
/// truncate to the model's word-piece budget, run one text per ONNX call, re-normalise, and fan out over threads.
/// </summary>
/// <remarks>
/// Thread-safety: <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/> may be called concurrently,
/// and the package tokenizer only reads its vocabulary dictionary, so one instance serves any number of threads.
/// </remarks>
internal sealed class OnnxEncoderCore : IDisposable
{
    /// <summary>Position embeddings of both models; the package tokenizer also cuts at 512.</summary>
    internal const int ModelPositionLimit = 512;

    /// <summary>How many words are word-piece-counted per tokenizer call while truncating.</summary>
    private const int TruncationChunkWords = 96;

    private readonly ISentenceEncoder _encoder;
    private readonly ISentenceEncoder _queryEncoder;
    private readonly IDisposable _encoderLifetime;
    private readonly TokenizerBase _tokenizer;
    private readonly string? _queryPrefix;
    private readonly bool _normalizeText;
    private readonly int _maxDegreeOfParallelism;
    private int _disposed;

    // Two sessions of one model: passages are encoded for throughput (one thread per call, calls in
    // parallel), a query for latency (several threads per call); queryEncoder may be encoder itself.
    // encoderLifetime disposes both.
    public OnnxEncoderCore(
        ISentenceEncoder encoder,
        ISentenceEncoder queryEncoder,
        IDisposable encoderLifetime,
        TokenizerBase tokenizer,
        string? queryPrefix,
        int dimensions,
        int maxTokens,
        TextEncoderOptions options)
    {
        _encoder = encoder;
        _queryEncoder = queryEncoder;
        _encoderLifetime = encoderLifetime;
        _tokenizer = tokenizer;
        _normalizeText = options.NormalizeText;
        _maxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        _queryPrefix = queryPrefix is null ? null : Prepare(queryPrefix) + " ";
        Dimensions = dimensions;
        MaxTokens = Math.Min(maxTokens, ModelPositionLimit);
    }

    public int Dimensions { get; }

    public int MaxTokens { get; }

    /// <summary>Session options for one model; ownership passes to the package encoder, which disposes them.</summary>
    public static SessionOptions CreateSessionOptions(int intraOpNumThreads)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpNumThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The arena keeps the largest buffers a session ever used for good; one text per call needs little,
            // and plain allocation cost no measurable speed for ~70 MB less resident memory (docs/serving.md).
            EnableCpuMemArena = false,
        };
        // A session's own worker threads spin after each call, waiting for more work. Several sessions (two models,
        // queries beside passages) then steal the cores from one another: two queries encoded one after the other
        // took 20 ms instead of 9. Idle workers sleep instead.
        if (intraOpNumThreads > 1) options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /// <summary>
    /// Builds the package encoder with our session options, disposing the options if construction fails
    /// (on success the encoder owns and disposes them).
    /// </summary>
    public static TEncoder CreatePackageEncoder<TEncoder>(int intraOpNumThreads, Func<SessionOptions, TEncoder> factory)
        where TEncoder : class, IDisposable
    {
        var sessionOptions = CreateSessionOptions(intraOpNumThreads);
        try
        {
            var encoder = factory(sessionOptions);
            ModelFilePages.Release(encoder.GetType().Assembly.Location);
            // The package read the model into a byte array (~90 MB, on the large object heap) to build the session;
            // it is garbage now, but a quiet service may not see a full collection for hours, and a plain collection
            // keeps the freed memory committed for later (so RSS after start was ~90 MB higher one start in two).
            // An aggressive collection returns it to the system. Once per model load.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return encoder;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    public float[] EncodeQuery(string query, CancellationToken cancellationToken) =>
        Encode(_queryEncoder, query, _queryPrefix, cancellationToken);

    public float[] EncodePassage(string passage, CancellationToken cancellationToken) =>
        Encode(_encoder, passage, prefix: null, cancellationToken);

    public float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var total = passages.Count;
        var results = new float[total][];
        if (total == 0)
        {
            return results;
        }

        var completed = 0;
        var progressGate = new Lock();
        var parallelOptions = new ParallelOptions
        {
            MaxDegreeOfParallelism = _maxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };

        // One text per call: a padded batch costs more than it saves on CPU (measured), and single calls on
        // parallel threads keep every core busy with IntraOpNumThreads = 1.
        Parallel.For(0, total, parallelOptions, i =>
        {
            results[i] = Encode(_encoder, passages[i], prefix: null, cancellationToken);
            if (progress is not null)
            {
                lock (progressGate)
                {
                    progress(++completed, total);
                }
            }
        });

        return results;
    }

    /// <summary>The exact text handed to the package tokenizer (normalised, prefixed, truncated). Exposed for tests and diagnostics.</summary>
    internal string PrepareForModel(string text, bool asQuery) => Truncate((asQuery ? _queryPrefix : null) + Prepare(text));

    /// <summary>Whether <paramref name="text"/> is cut to fit <see cref="MaxTokens"/>. For diagnostics.</summary>
    internal bool IsTruncated(string text, bool asQuery)
    {
        var full = (asQuery ? _queryPrefix : null) + Prepare(text);
        return Truncate(full).Length < full.Length;
    }

    /// <summary>The word pieces (with [CLS] and [SEP]) the model sees for <paramref name="text"/>. For tests and diagnostics.</summary>
    internal string[] TokenizeForModel(string text, bool asQuery) =>
        _tokenizer.Tokenize(ModelPositionLimit, PrepareForModel(text, asQuery))[0].Select(t => t.Token).ToArray();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _encoderLifetime.Dispose();
        }
    }

    private float[] Encode(ISentenceEncoder encoder, string text, string? prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        var prepared = Truncate(prefix + Prepare(text));
        var vector = encoder.Encode([prepared], cancellationToken)[0];
        if (vector.Length != Dimensions)
        {
            throw new InvalidOperationException($"Model returned {vector.Length} dimensions, expected {Dimensions}.");
        }

        // The packages normalise already (with an epsilon); do it again so callers can rely on |v| = 1 exactly
        // enough for dot product = cosine, whatever the package version does.
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private string Prepare(string text) => _normalizeText ? BertTextNormalizer.Normalize(text) : text;

    /// <summary>
    /// Cuts <paramref name="text"/> after the last whole space-separated word that still fits in
    /// <see cref="MaxTokens"/> - 2 word pieces. Exact, not estimated: the package tokenizer splits on spaces first
    /// and tokenises each word independently, so counting each word with that same tokenizer gives the same pieces.
    /// </summary>
    private string Truncate(string text)
    {
        var budget = MaxTokens - 2;

        // Every word piece covers at least one character, so a short text cannot overflow.
        if (text.Length <= budget)
        {
            return text;
        }

        var words = text.Split(' ');
        var used = 0;
        for (var start = 0; start < words.Length; start += TruncationChunkWords)
        {
            var count = Math.Min(TruncationChunkWords, words.Length - start);
            var tokenized = _tokenizer.Tokenize(ModelPositionLimit, words.AsSpan(start, count).ToArray());
            for (var j = 0; j < count; j++)
            {
                var pieces = tokenized[j].Length - 2; // minus [CLS] and [SEP]
                if (used + pieces > budget)
                {
                    var keep = start + j;

                    // A single over-long first word (only possible without normalisation): let the package cut it.
                    return keep == 0 ? text : string.Join(' ', words, 0, keep);
                }

                used += pieces;
            }
        }

        return text;
    }
}
