using System.Diagnostics;
using SearchService.Embeddings;

namespace SearchService.Benchmarks.Scale;

/// <summary>How fast the real encoder embeds passages here and now: the basis of the extrapolated cold-build time.</summary>
public static class EncoderThroughput
{
    /// <summary>Encodes <paramref name="texts"/> (no cache involved) and returns passages per second.</summary>
    public static double Measure(ITextEncoder encoder, IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) throw new ArgumentException("No passages to measure the encoder on.", nameof(texts));
        // One passage first, so loading the models' sessions is not counted as encoding.
        encoder.EncodePassage(texts[0]);
        var stopwatch = Stopwatch.StartNew();
        encoder.EncodePassages(texts);
        return texts.Count / stopwatch.Elapsed.TotalSeconds;
    }
}
