using System.Numerics.Tensors;
using System.Reflection;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace SearchService.Embeddings;

/// <summary>
/// The shared machinery behind <see cref="MiniLmTextEncoder"/> and <see cref="ArcticXsTextEncoder"/>: normalise,
/// truncate to the model's word-piece budget, tokenise, run the model (one passage per call, fanned out over threads;
/// queries batched on a thread of their own by <see cref="QueryBatcher"/>), and normalise the vector.
/// </summary>
/// <remarks>
/// Thread-safety: <see cref="SentenceModelSession.Run"/> may be called concurrently, and the package tokenizer only
/// reads its vocabulary dictionary, so one instance serves any number of threads.
/// </remarks>
internal sealed class OnnxEncoderCore : IDisposable
{
    /// <summary>Position embeddings of both models; the package tokenizer also cuts at 512.</summary>
    internal const int ModelPositionLimit = 512;

    /// <summary>How many words are word-piece-counted per tokenizer call while truncating.</summary>
    private const int TruncationChunkWords = 96;

    private readonly SentenceModelSession _passageModel;
    private readonly QueryBatcher _queryBatcher;
    private readonly IDisposable _modelsLifetime;
    private readonly TokenizerBase _tokenizer;
    private readonly string? _queryPrefix;
    private readonly bool _normalizeText;
    private readonly int _maxDegreeOfParallelism;
    private int _disposed;

    // Two sessions of one model: passages are encoded for throughput (one thread per call, calls in
    // parallel), queries for latency (their own thread count); queryModel may be passageModel itself.
    // modelsLifetime disposes both.
    public OnnxEncoderCore(
        SentenceModelSession passageModel,
        SentenceModelSession queryModel,
        IDisposable modelsLifetime,
        TokenizerBase tokenizer,
        string? queryPrefix,
        int maxTokens,
        TextEncoderOptions options,
        string modelName)
    {
        _passageModel = passageModel;
        _modelsLifetime = modelsLifetime;
        _tokenizer = tokenizer;
        _normalizeText = options.NormalizeText;
        _maxDegreeOfParallelism = options.MaxDegreeOfParallelism;
        _queryPrefix = queryPrefix is null ? null : Prepare(queryPrefix) + " ";
        Dimensions = passageModel.Dimensions;
        MaxTokens = Math.Min(maxTokens, ModelPositionLimit);
        _queryBatcher = new QueryBatcher(ids => Normalized(queryModel.Run(ids, CancellationToken.None)), $"query encoder: {modelName}", options.QueryThreads,
            maxBatch: options.Int8QueryWeights ? 1 : QueryBatcher.MaxBatch);
    }

    public int Dimensions { get; }

    public int MaxTokens { get; }

    /// <summary>ONNX Runtime's session setting that converts int8 weights where the CPU's int8 products would overflow.</summary>
    private const string X64QuantPrecision = "session.x64quantprecision";

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
    /// Loads the ONNX model the package <paramref name="modelAssembly"/> embeds into a session with our options, reading
    /// <paramref name="shared"/>'s tables instead of its own copies (they must outlive the session).
    /// </summary>
    public static SentenceModelSession LoadModel(Assembly modelAssembly, TokenPooling pooling, int dimensions, int intraOpNumThreads, SharedModelTables? shared = null) =>
        Loaded(modelAssembly, intraOpNumThreads, options =>
        {
            shared?.AddTo(options);
            return new SentenceModelSession(ResourceLoader.GetResource(modelAssembly, "model.onnx"), options, pooling, dimensions);
        });

    /// <summary>
    /// Loads the model for a query session of its own: parsed once, for the tables its passage session is to share
    /// (<paramref name="shared"/>: the caller disposes it after both sessions) and, when <paramref name="int8Weights"/>,
    /// the rewrite of its matrix weights to int8 (<see cref="Int8MatrixWeights"/>).
    /// </summary>
    public static SentenceModelSession LoadQueryModel(Assembly modelAssembly, TokenPooling pooling, int dimensions, int intraOpNumThreads, bool int8Weights, out SharedModelTables shared)
    {
        SharedModelTables? tables = null;
        try
        {
            var session = Loaded(modelAssembly, intraOpNumThreads, options =>
            {
                var model = ResourceLoader.GetResource(modelAssembly, "model.onnx");
                var proto = Int8MatrixWeights.Parse(model);
                tables = SharedModelTables.From(proto);
                tables.AddTo(options);
                // x64 CPUs without VNNI multiply uint8 inputs by int8 weights in pairs summed into 16 bits, which
                // saturate for weights beyond ±64: there ONNX Runtime moves the weights to uint8 instead (a no-op on
                // CPUs with VNNI, like the one the figures were measured on).
                if (int8Weights) options.AddSessionConfigEntry(X64QuantPrecision, "1");
                return new SentenceModelSession(int8Weights ? Int8MatrixWeights.Quantize(proto) : model, options, pooling, dimensions);
            });
            shared = tables!;
            return session;
        }
        catch
        {
            tables?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A session made by <paramref name="read"/> with our options, then the model's bytes given back to the system.
    /// <paramref name="read"/> runs in a frame of its own (a delegate call), so that no frame still running holds the
    /// model's bytes when they are collected (code at the JIT's first tier keeps a method's temporaries alive until it returns).
    /// </summary>
    private static SentenceModelSession Loaded(Assembly modelAssembly, int intraOpNumThreads, Func<SessionOptions, SentenceModelSession> read)
    {
        var sessionOptions = CreateSessionOptions(intraOpNumThreads);
        try
        {
            var model = read(sessionOptions);
            ModelFilePages.Release(modelAssembly.Location);
            // The model was read into a byte array (~90 MB, on the large object heap) to build the session; it is
            // garbage now, but a quiet service may not see a full collection for hours, and a plain collection keeps
            // the freed memory committed for later (so RSS after start was ~90 MB higher one start in two). An
            // aggressive collection returns it to the system. Once per model load.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return model;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>How many query model calls were made, for how many queries (batching at work; for tests and diagnostics).</summary>
    internal (long Calls, long Queries) QueryBatches => _queryBatcher.Counts;

    public float[] EncodeQuery(string query, CancellationToken cancellationToken) =>
        EncodeQueryAsync(query, cancellationToken).GetAwaiter().GetResult();

    public Task<float[]> EncodeQueryAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _queryBatcher.Encode(InputIds(query, _queryPrefix), cancellationToken);
    }

    /// <summary>A long query's piece: without the query instruction, queued for the query model behind every query.</summary>
    public Task<float[]> EncodeQueryPieceAsync(string piece, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _queryBatcher.Encode(InputIds(piece, prefix: null), cancellationToken, piece: true);
    }

    public float[] EncodePassage(string passage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Normalized(_passageModel.Run([InputIds(passage, prefix: null)], cancellationToken))[0];
    }

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
            results[i] = EncodePassage(passages[i], cancellationToken);
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
            _queryBatcher.Dispose();
            _modelsLifetime.Dispose();
        }
    }

    /// <summary>The word-piece ids (with [CLS] and [SEP]) of the text as the model gets it: normalised, prefixed, truncated.</summary>
    private long[] InputIds(string text, string? prefix) => _tokenizer.Encode(Truncate(prefix + Prepare(text)))[0].InputIds;

    /// <summary>
    /// Scales each vector to length 1 (callers rely on dot product = cosine), in place. A zero vector stays zero.
    /// </summary>
    private static float[][] Normalized(float[][] vectors)
    {
        foreach (var vector in vectors)
        {
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0f && float.IsFinite(norm))
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
        }

        return vectors;
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
