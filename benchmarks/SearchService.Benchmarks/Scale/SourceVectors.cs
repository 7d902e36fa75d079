using System.Diagnostics;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The real vectors of the source units, encoded once by the real encoder and kept in
/// <c>&lt;work&gt;/source-vectors/</c> (the service's own cache format, keyed by the text encoded), so later runs
/// encode only units they have not seen.
/// </summary>
public sealed class SourceVectors : IDisposable
{
    private const int BatchSize = 256;

    private readonly EmbeddingCache _cache;

    public SourceVectors(string workFolder, ITextEncoder encoder)
    {
        _cache = new EmbeddingCache(Path.Combine(workFolder, "source-vectors"), encoder.ModelName, encoder.Dimensions);
    }

    /// <summary>Encodes the units not cached yet; returns how many were encoded.</summary>
    public int EnsureEncoded(ITextEncoder encoder, IEnumerable<SourceUnit> units, Action<string> log)
    {
        var missing = units.DistinctBy(u => u.Index).Where(u => _cache.Get(u.TextToEncode) is null).ToList();
        if (missing.Count == 0) return 0;
        log($"encoding {missing.Count:N0} source units with the real encoder (cached in {Path.GetDirectoryName(_cache.Path)})");
        var stopwatch = Stopwatch.StartNew();
        for (var start = 0; start < missing.Count; start += BatchSize)
        {
            var texts = missing.Skip(start).Take(BatchSize).Select(u => u.TextToEncode).ToList();
            // Each batch is written as soon as it is done, so an interrupted run keeps what it encoded.
            _cache.AddRange(texts, encoder.EncodePassages(texts));
            var done = Math.Min(start + BatchSize, missing.Count);
            log($"  {done:N0}/{missing.Count:N0} source units, {done / stopwatch.Elapsed.TotalSeconds:F1} per second");
        }
        return missing.Count;
    }

    /// <summary>The unit's real vector; every unit a corpus uses is encoded by <see cref="EnsureEncoded"/> first.</summary>
    public float[] Of(SourceUnit unit) =>
        _cache.Get(unit.TextToEncode) ?? throw new InvalidOperationException($"Source unit {unit.Index} ('{unit.Title}') has no vector yet.");

    public void Dispose() => _cache.Dispose();
}
