using System.Globalization;
using static SearchService.Core.Indexing.Vectors.USearchNative;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// When a segment's vectors are searched exactly and when through an HNSW index, and how that index is built and
/// searched. The figures behind the defaults are in docs/vector-search.md.
/// </summary>
public sealed record VectorIndexOptions
{
    /// <summary>Environment variable that overrides <see cref="ExactScanMaxRows"/> (to measure the HNSW path on a small corpus).</summary>
    public const string ExactScanMaxRowsVariable = "SEARCHSERVICE_VECTOR_EXACT_MAX_ROWS";

    /// <summary>
    /// Segments with fewer vectors than this are copied into memory and scanned exactly; larger ones get an HNSW
    /// file. Below it an exact scan costs about as much as an HNSW search with re-scoring, is exact, and costs no build.
    /// </summary>
    public int ExactScanMaxRows { get; init; } = 10_000;

    /// <summary>
    /// A filter that accepts at most this share of a large segment's vectors (or at most <see cref="ExactScanMaxRows"/>)
    /// is answered by reading just the accepted vectors: a graph walk must pass over the rejected ones, which for a
    /// selective filter costs far more than the exact read (docs/vector-search.md, "Filters").
    /// </summary>
    public double ExactScanMaxAcceptedShare { get; init; } = 0.05;

    /// <summary>Candidates taken from the HNSW index per search, at least (the best <see cref="RescoredCandidates"/> re-scored).</summary>
    public int MinimumCandidates { get; init; } = 400;

    /// <summary>
    /// Candidates per result wanted, when that is more than <see cref="MinimumCandidates"/>. One: semantic search's 800
    /// passages come from 800 candidates; two would find the last few of them too but cost twice the graph walk.
    /// </summary>
    public int CandidatesPerResult { get; init; } = 1;

    /// <summary>Candidates to take from the HNSW index for <paramref name="k"/> results.</summary>
    internal int CandidatesFor(int k) => (int)Math.Min(int.MaxValue, Math.Max(MinimumCandidates, (long)k * CandidatesPerResult));

    /// <summary>
    /// Candidates re-scored with the float vectors, the graph's nearest first; the others keep the graph's int8 cosine,
    /// shifted by its mean error on the re-scored ones. Each re-scored candidate is a file read: at 20,000 briefs the
    /// 800 candidates of a semantic search cost ~2 ms to read, and 200 give SciFact the same figures (docs/vector-search.md).
    /// </summary>
    public int RescoredCandidates { get; init; } = 200;

    /// <summary>Threads that build one segment's HNSW index (its merge waits for it).</summary>
    public int BuildThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// int8 vectors compared by inner product, 16 links per node, 256 candidates when linking (128 left real queries
    /// at 20,000 briefs with recall@10 0.91 of the exact search, some with none of it; 256: 0.97, for twice the build
    /// and no search cost): see docs/vector-search.md.
    /// </summary>
    internal HnswSettings Hnsw { get; init; } = new(ScalarKind.Int8, Connectivity: 16, ExpansionAdd: 256, ExpansionSearch: 128, MetricKind.InnerProduct);

    /// <summary>The defaults, with <see cref="ExactScanMaxRowsVariable"/> applied when it is set.</summary>
    public static VectorIndexOptions Default { get; } = FromEnvironment();

    private static VectorIndexOptions FromEnvironment()
    {
        var options = new VectorIndexOptions();
        var value = Environment.GetEnvironmentVariable(ExactScanMaxRowsVariable);
        if (string.IsNullOrWhiteSpace(value)) return options;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
            throw new InvalidOperationException($"{ExactScanMaxRowsVariable}='{value}' is not a number of rows; set it to a whole number (0 indexes every segment) or unset it.");
        return options with { ExactScanMaxRows = rows };
    }
}
