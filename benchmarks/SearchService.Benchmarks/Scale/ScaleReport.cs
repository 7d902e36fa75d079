using System.Globalization;
using System.Text;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// One run's results as Markdown: how the corpus and its vectors were made, a growth table with one row per size,
/// the exact commands, and the notes and phase times behind the figures. Appended to the results file and printed.
/// </summary>
public sealed class ScaleReport
{
    public required DateTime StartedUtc { get; init; }
    public required string Commit { get; init; }
    public required ScaleOptions Options { get; init; }
    public required string EncoderDescription { get; init; }

    /// <summary>The real encoder's measured rate ("54.3 passages/s on 500 passages"), or why it was not measured.</summary>
    public required string EncoderThroughput { get; init; }

    public required string SourceDescription { get; init; }
    public required IReadOnlyList<string> EndpointNames { get; init; }
    public required IReadOnlyList<ScaleRow> Rows { get; init; }
    public required IReadOnlyList<string> Commands { get; init; }
    public required IReadOnlyList<(string Phase, TimeSpan Took)> Phases { get; init; }

    public string Render()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\n## Scale run {StartedUtc:yyyy-MM-dd HH:mm} UTC (seed {Options.Seed}, commit {Commit})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {MachineMemory()} RAM; encoder {EncoderDescription}.\n");
        text.Append(CultureInfo.InvariantCulture, $"Corpus: briefs recombined from real text ({SourceDescription}); Markdown with YAML front matter.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**vectors: derived from real vectors of the source text + noise (σ={DerivedVectorSeeder.NoiseSigma.ToString(CultureInfo.InvariantCulture)})**. ");
        text.Append("Every distinct source chunk was encoded once by the real encoder; each passage's vector is normalize(its source chunk's vector + Gaussian noise per dimension), ");
        text.Append("put into the service's embedding cache before it started, so the build and reindex times below contain no encoding.\n");
        text.Append(CultureInfo.InvariantCulture, $"Real encoder this run: {EncoderThroughput}. A cold build that encoded every passage would take passages ÷ that rate (last column), on top of the build time measured here.\n\n");

        var clients = Options.Clients;
        var loadHeaders = EndpointNames.SelectMany(e => clients.Select(c => $"{e} {c}c"));
        string[] headers = ["briefs", "passages", "build s (serving)", "background done s", "index MB", "start-to-serve s", "RSS MiB after start", "RSS MiB after load", .. loadHeaders,
                            "upload→searchable ms", "reindex s", "cold build with real encoding (extrapolated)"];
        text.Append("| ").AppendJoin(" | ", headers).Append(" |\n|").Append(string.Concat(headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows)
        {
            string[] cells = [row.Briefs.ToString("N0", CultureInfo.InvariantCulture), row.Passages, row.BuildSeconds, row.BackgroundDoneSeconds, row.IndexMegabytes, row.StartToServeSeconds,
                              row.RssAfterStart, row.RssAfterLoad, .. EndpointNames.SelectMany(e => clients.Select(c => row.LoadCell(e, c))),
                              row.UploadToSearchable, row.ReindexSeconds, row.ExtrapolatedColdBuild];
            text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|").Replace("\n", " "))).Append(" |\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"\nLoad cells: requests/s · p50 / p99 latency in ms, wrk for {Options.LoadDuration.TotalSeconds:F0} s per cell, rotating through about 200 realistic request paths per endpoint ");
        text.Append("(1–4 word title subjects and tags as queries, corpus ids for related lists, half-typed words for suggestions). ");
        text.Append("Build: from the process start with no index until health and one request of every endpoint answer 200. ");
        text.Append("Background done: from the same start until /health reports no embedding and no related list pending. ");
        text.Append("Result and query-vector caches are off (every request computed). ");
        text.Append("Start-to-serve: the same after a restart on the built index. Upload→searchable: from the start of the upload until keyword search finds a word only the upload has, and semantic search finds it by its title.\n");

        text.Append("\nCommands:\n\n```sh\n").AppendJoin("\n", Commands).Append("\n```\n");
        if (Rows.Any(r => r.Notes.Count > 0))
        {
            text.Append("\nNotes:\n\n");
            foreach (var row in Rows)
                foreach (var note in row.Notes) text.Append(CultureInfo.InvariantCulture, $"- {row.Briefs:N0} briefs: {note}\n");
        }
        text.Append("\nPhases: ").AppendJoin("; ", Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Took.TotalSeconds:F1} s"))).Append(".\n");
        return text.ToString();
    }

    public void AppendTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
            File.WriteAllText(path, "# Scale benchmark results\n\nAppended by `dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- scale …` (see benchmarks/README.md).\n");
        File.AppendAllText(path, Render());
    }

    private static string MachineMemory()
    {
        var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (total is null) return "unknown";
        var kilobytes = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kilobytes / 1024.0 / 1024.0:F1} GiB");
    }
}
