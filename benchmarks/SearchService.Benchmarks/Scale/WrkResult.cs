using System.Globalization;

namespace SearchService.Benchmarks.Scale;

/// <summary>What one wrk run measured: throughput, the median and 99th-percentile latency, and any errors.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors)
{
    /// <summary>The report cell: "412 r/s · 2.1 / 6.3 ms", with errors when there were any.</summary>
    public string Cell
    {
        get
        {
            var cell = string.Create(CultureInfo.InvariantCulture, $"{RequestsPerSecond:F1} r/s · {P50Ms:0.0#} / {P99Ms:0.0#} ms");
            if (Non2xx > 0) cell += string.Create(CultureInfo.InvariantCulture, $" · {Non2xx} non-2xx");
            if (SocketErrors > 0) cell += string.Create(CultureInfo.InvariantCulture, $" · {SocketErrors} socket errors");
            return cell;
        }
    }
}
