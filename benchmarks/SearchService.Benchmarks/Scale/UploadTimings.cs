using System.Globalization;

namespace SearchService.Benchmarks.Scale;

/// <summary>Milliseconds from the start of an upload until its answer, and until keyword and semantic search find the brief.</summary>
public sealed record UploadTimings(double PostMs, double KeywordMs, double SemanticMs, int Passages)
{
    public string Cell => string.Create(CultureInfo.InvariantCulture, $"keyword {KeywordMs:F0} · semantic {SemanticMs:F0} (POST {PostMs:F0}, {Passages} passages)");
}
