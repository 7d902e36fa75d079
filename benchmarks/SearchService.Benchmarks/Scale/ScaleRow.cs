namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The results for one corpus size, as report cells. Every cell starts as "not measured" and holds either a
/// figure or "failed: reason", so one failed measurement never costs the rest of the row.
/// </summary>
public sealed class ScaleRow(int briefs)
{
    private const string NotMeasured = "not measured";

    public int Briefs { get; } = briefs;
    public string Passages { get; set; } = NotMeasured;
    public string BuildSeconds { get; set; } = NotMeasured;
    /// <summary>Seconds from the cold build's start until background embedding and related lists were done.</summary>
    public string BackgroundDoneSeconds { get; set; } = NotMeasured;
    public string IndexMegabytes { get; set; } = NotMeasured;
    public string StartToServeSeconds { get; set; } = NotMeasured;
    public string RssAfterStart { get; set; } = NotMeasured;
    public string RssAfterLoad { get; set; } = NotMeasured;
    public string UploadToSearchable { get; set; } = NotMeasured;
    public string ReindexSeconds { get; set; } = NotMeasured;
    public string ExtrapolatedColdBuild { get; set; } = NotMeasured;

    /// <summary>Load results by endpoint name and client count.</summary>
    public Dictionary<(string Endpoint, int Clients), string> Load { get; } = [];

    /// <summary>Details printed under the table: health answers, seeding figures, phase times, failures in full.</summary>
    public List<string> Notes { get; } = [];

    public string LoadCell(string endpoint, int clients) => Load.GetValueOrDefault((endpoint, clients), NotMeasured);
}
