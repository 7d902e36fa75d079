using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The <c>scale</c> verb: for each corpus size, generates briefs from real text, seeds the service's embedding cache
/// with vectors derived from real ones, then starts the published service as a child process and measures its cold
/// build, its restart, HTTP load on every read endpoint, an upload and a reindex. Every measurement that fails
/// fills its cell with the reason and the run goes on; every wait has a time limit.
/// </summary>
public sealed class ScaleBenchmark
{
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromMinutes(2);

    private readonly ScaleOptions _options;
    private readonly PhaseClock _phases;
    private readonly List<string> _commands = [];
    /// <summary>The commit (and whether the checkout had changes) when the service was published.</summary>
    private string? _commit;

    private ScaleBenchmark(ScaleOptions options)
    {
        _options = options;
        _phases = new PhaseClock(Log);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ScaleOptions options;
        try
        {
            options = ScaleOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        return await new ScaleBenchmark(options).RunAsync();
    }

    private async Task<int> RunAsync()
    {
        var started = DateTime.UtcNow;
        Directory.CreateDirectory(_options.WorkFolder);
        _commands.Add($"dotnet run -c Release --project benchmarks/SearchService.Benchmarks -- scale {string.Join(' ', _options.Arguments)}");

        // Published first, and the commit read with it: the checkout may change during the hours that follow, and the
        // report must name the code that was measured.
        string? assembly = null;
        string? publishFailure = null;
        try
        {
            assembly = await _phases.TimeAsync("publish the service", () => ServiceBinary.PrepareAsync(_options.RepositoryRoot, _options.WorkFolder, _options.SkipBuild, Log));
            _commands.Add(_options.SkipBuild ? $"# --skip-build: reused {assembly}" : ServiceBinary.PublishCommand(Path.Combine(_options.WorkFolder, "service")));
        }
        catch (Exception e)
        {
            Log($"publishing the service failed: {e.Message}");
            publishFailure = FirstLine(e.Message);
        }
        _commit = await CommitAsync();

        var library = _phases.Time("read the source text", () => SourceLibrary.Load(_options.SharedFolder));
        var sourceDescription = string.Create(CultureInfo.InvariantCulture,
            $"{library.Documents.Count:N0} source documents of ../shared, {library.Units.Count:N0} chunks and summaries, {library.Findings.Count:N0} finding and {library.Recommendations.Count:N0} recommendation statements");
        Log(sourceDescription);
        var composer = new CorpusComposer(library, new BriefVocabulary(), _options.Seed);
        var writer = new BriefMarkdownWriter(library.Units);
        var corpora = _options.BriefCounts
            .Select(count => _phases.Time($"corpus of {count:N0} briefs", () => GeneratedCorpus.Prepare(_options.WorkFolder, count, _options.Seed, composer, writer)))
            .ToList();
        foreach (var corpus in corpora) Log($"{corpus.Folder}: {(corpus.WrittenNow ? "written" : "complete from an earlier run, reused")}");
        var rows = corpora.Select(c => new ScaleRow(c.Plans.Count)).ToList();
        if (publishFailure is not null)
            foreach (var row in rows) row.Notes.Add($"no service measurements: publishing the service failed: {publishFailure}");

        var vectors = PrepareVectors(library, corpora, rows);

        for (var i = 0; i < corpora.Count; i++)
        {
            if (assembly is null) break;
            if (!vectors.Seeded[i])
            {
                rows[i].Notes.Add("no service measurements: its embedding cache could not be seeded (the service would encode every passage for real)");
                continue;
            }
            await MeasureServiceAsync(corpora[i], rows[i], library, assembly, i);
            // A run of several sizes takes hours: what is measured so far survives the process being stopped.
            await File.WriteAllTextAsync(Path.Combine(_options.WorkFolder, "scale-in-progress.md"), (await Report(started, vectors, sourceDescription, rows)).Render());
        }

        var report = await Report(started, vectors, sourceDescription, rows);
        Console.WriteLine(report.Render());
        report.AppendTo(_options.ReportPath);
        Log($"appended to {_options.ReportPath}");
        return 0;
    }

    private async Task<ScaleReport> Report(DateTime started, PreparedVectors vectors, string sourceDescription, IReadOnlyList<ScaleRow> rows) =>
        new()
        {
            StartedUtc = started,
            Commit = _commit ?? await CommitAsync(),
            Options = _options,
            EncoderDescription = vectors.EncoderDescription,
            EncoderThroughput = vectors.ThroughputDescription,
            SourceDescription = sourceDescription,
            EndpointNames = ["keyword", "hybrid", "related", "suggest", "themes"],
            Rows = rows,
            Commands = _commands,
            Phases = _phases.Phases,
        };

    /// <summary>What preparing the vectors gave: the encoder, its measured rate, and which corpora's caches are seeded.</summary>
    private sealed record PreparedVectors(string EncoderDescription, string ThroughputDescription, bool[] Seeded);

    /// <summary>
    /// Encodes the source units the corpora use (once; cached in the work folder), measures the real encoder, and
    /// seeds each corpus's embedding cache with derived vectors. The encoder is released before any service starts.
    /// </summary>
    private PreparedVectors PrepareVectors(SourceLibrary library, IReadOnlyList<GeneratedCorpus> corpora, IReadOnlyList<ScaleRow> rows)
    {
        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        var description = $"{TextEncoders.MiniLmAndArcticXs} ({encoder.ModelName}, {encoder.Dimensions} dimensions)";
        using var sourceVectors = new SourceVectors(_options.WorkFolder, encoder);
        var used = corpora.SelectMany(c => c.Plans).SelectMany(UnitsOf).Distinct().Select(unit => library.Units[unit]).ToList();
        var encoded = _phases.Time("encode the source units", () => sourceVectors.EnsureEncoded(encoder, used, Log));
        Log($"{used.Count:N0} source units in use, {encoded:N0} encoded now, {used.Count - encoded:N0} from the source-vector cache");

        double? passagesPerSecond = null;
        string throughput;
        try
        {
            var sample = corpora.SelectMany(c => c.Plans)
                .SelectMany(p => p.Body.Prepend(p.SummarySection).Select(s => $"{p.Title}. {library.Units[s.Unit].Text}"))
                .Take(_options.EncodedSample).ToList();
            passagesPerSecond = _phases.Time("measure the real encoder", () => EncoderThroughput.Measure(encoder, sample));
            throughput = string.Create(CultureInfo.InvariantCulture, $"{passagesPerSecond:F1} passages/s measured on {sample.Count} passages");
        }
        catch (Exception e)
        {
            throughput = $"failed: {FirstLine(e.Message)}";
        }
        Log($"real encoder: {throughput}");

        var seeder = new DerivedVectorSeeder(library, sourceVectors, _options.Seed);
        var seeded = new bool[corpora.Count];
        for (var i = 0; i < corpora.Count; i++)
        {
            var row = rows[i];
            try
            {
                // A corpus written anew replaces an older one: its cache would keep the old passages' vectors, which the
                // service would load too.
                var cacheFolder = CacheFolder(corpora[i].Plans.Count);
                if (corpora[i].WrittenNow && Directory.Exists(cacheFolder)) Directory.Delete(cacheFolder, recursive: true);
                using var cache = new EmbeddingCache(cacheFolder, encoder.ModelName, encoder.Dimensions);
                var seed = _phases.Time($"{row.Briefs:N0}: seed the service's embedding cache", () => seeder.Seed(corpora[i], cache));
                row.Passages = seed.Passages.ToString("N0", CultureInfo.InvariantCulture);
                row.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{seed.Passages:N0} passages ({(double)seed.Passages / Math.Max(1, seed.Briefs):F1} per brief); {seed.Traced:N0} traced to their own source text, {seed.FromMainSource:N0} composed by the service (section text of findings and recommendations) derived from the brief's main source; {seed.SectionsKeptWhole:N0} of {seed.SectionsPlanned:N0} one-chunk sections kept as one passage; {seed.Written:N0} vectors written to the cache this run"));
                foreach (var failure in seed.Failures.Take(5)) row.Notes.Add($"generated brief refused by the extractor: {failure}");
                row.ExtrapolatedColdBuild = passagesPerSecond is { } rate ? Extrapolated(seed.Passages, rate) : $"failed: encoder not measured";
                seeded[i] = seed.Briefs > 0;
            }
            catch (Exception e)
            {
                Log($"seeding the cache of {row.Briefs:N0} briefs failed: {e}");
                row.Notes.Add($"seeding the embedding cache failed: {FirstLine(e.Message)}");
            }
        }
        return new PreparedVectors(description, throughput, seeded);
    }

    /// <summary>What the runs of one corpus's service share: how it is started, what is requested, and the client.</summary>
    private sealed record ServiceRun(int Briefs, ServiceLaunch Launch, LoadPaths Paths, HttpClient Http, string IndexFolder, string CacheFolder, string WrkFolder);

    private async Task MeasureServiceAsync(GeneratedCorpus corpus, ScaleRow row, SourceLibrary library, string assembly, int sizeNumber)
    {
        var count = corpus.Plans.Count;
        var indexFolder = Path.Combine(_options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"index-{count}"));
        // The cold build starts from no index at all.
        if (Directory.Exists(indexFolder)) Directory.Delete(indexFolder, recursive: true);
        var launch = ServiceLaunch.For(assembly, _options.RepositoryRoot, indexFolder, corpus.Folder, CacheFolder(count), RandomNumberGenerator.GetHexString(64, lowercase: true));
        using var http = new HttpClient { BaseAddress = new Uri(launch.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var run = new ServiceRun(count, launch, LoadPaths.Build(corpus.Plans, _options.Seed), http, indexFolder, CacheFolder(count),
            Path.Combine(_options.WorkFolder, "wrk", count.ToString(CultureInfo.InvariantCulture)));
        _commands.Add($"# {count:N0} briefs\n{launch.CommandLine}");
        _commands.AddRange(_options.Clients.Select(c => WrkRunner.CommandLine(c, _options.LoadDuration, Path.Combine(run.WrkFolder, "rotate-<endpoint>.lua"), launch.BaseUrl)));

        var built = await _phases.TimeAsync($"{count:N0}: cold build", () => MeasureColdBuildAsync(run, row));
        if (!built)
        {
            row.StartToServeSeconds = "skipped: no index (cold build failed)";
            return;
        }
        await _phases.TimeAsync($"{count:N0}: restart, load, upload, reindex", () => MeasureRestartAsync(run, row, library, sizeNumber));
    }

    /// <summary>Starts the service with no index and waits until it serves; returns whether it did.</summary>
    private async Task<bool> MeasureColdBuildAsync(ServiceRun run, ScaleRow row)
    {
        var cacheBytes = FolderBytes(run.CacheFolder);
        row.Notes.Add($"load average before the cold build: {LoadAverage()}");
        var built = false;
        await using (var service = ServiceProcess.Start(run.Launch, LogPath(run.Briefs, "cold-build")))
        {
            row.BuildSeconds = await CellAsync(row, "cold build", async () =>
            {
                var took = await EndpointReadiness.WaitUntilServingAsync(service, run.Http, run.Paths.Readiness, _options.PhaseTimeout);
                built = true;
                return took.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
            });
            if (built)
            {
                row.Notes.Add($"/health when the cold build served: {await CellAsync(row, "health", () => run.Http.GetStringAsync("/health"))}");
                // Embedding (a large build embeds in the background) and related lists finish after serving starts.
                row.BackgroundDoneSeconds = await CellAsync(row, "background work", async () =>
                    (await BackgroundWork.WaitUntilDoneAsync(service, run.Http, _options.PhaseTimeout, _options.ListsWait)).Cell);
                row.Notes.Add($"/health when the background work was done: {await CellAsync(row, "health", () => run.Http.GetStringAsync("/health"))}");
                // A merge stopped half-way would leave the restart below measuring an index of many segments.
                await CellAsync(row, "final merge", async () =>
                {
                    var waited = await BackgroundWork.WaitWhileMergingAsync(service, run.Http, _options.PhaseTimeout);
                    if (waited > TimeSpan.Zero)
                        row.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"the service was still merging its index when the background wait ended: waited {waited.TotalSeconds:F0} s more for the merge before stopping it"));
                    return "";
                });
            }
            await service.StopAsync();
            row.Notes.Add($"cold build log: {service.LogSummary()}");
        }
        // The seeded cache should hold every vector the build needs; growth means the service encoded for real.
        var grown = FolderBytes(run.CacheFolder) - cacheBytes;
        row.Notes.Add(grown == 0
            ? "the service encoded nothing during the cold build (its embedding cache did not grow)"
            : string.Create(CultureInfo.InvariantCulture, $"the embedding cache grew by {grown / 1e6:F1} MB during the cold build: the service encoded passages the seeding missed"));
        row.IndexMegabytes = await CellAsync(row, "index size", () => Task.FromResult((FolderBytes(run.IndexFolder) / 1e6).ToString("F1", CultureInfo.InvariantCulture)));
        return built;
    }

    /// <summary>Restarts the service on the built index and measures it serving: start-up, memory, load, an upload, a reindex.</summary>
    private async Task MeasureRestartAsync(ServiceRun run, ScaleRow row, SourceLibrary library, int sizeNumber)
    {
        await using var service = ServiceProcess.Start(run.Launch, LogPath(run.Briefs, "restart"));
        var serving = false;
        row.StartToServeSeconds = await CellAsync(row, "start-to-serve", async () =>
        {
            var took = await EndpointReadiness.WaitUntilServingAsync(service, run.Http, run.Paths.Readiness, _options.PhaseTimeout);
            serving = true;
            return took.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        });
        if (serving)
        {
            row.RssAfterStart = await CellAsync(row, "RSS after start", () => Task.FromResult(service.ResidentCell()));
            var health = await CellAsync(row, "health", () => run.Http.GetStringAsync("/health"));
            Console.WriteLine($"/health after restart ({run.Briefs:N0} briefs): {health}");
            row.Notes.Add($"/health after restart: {health}");
            var check = await CellAsync(row, "related lists checked", async () =>
                (await BackgroundWork.WaitUntilListsCheckedAsync(service, run.Http, _options.PhaseTimeout)).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
            row.Notes.Add($"the related worker had compared the stored lists with the index {check} s after the service answered; the load runs start after that");
            row.Notes.Add($"load average before the load runs: {LoadAverage()}");

            await MeasureLoadAsync(run, row);
            row.RssAfterLoad = await CellAsync(row, "RSS after load", () => Task.FromResult(service.ResidentCell()));
            row.Notes.Add($"search time inside the service (tookMs, median of 5) for the first load query: {await CellAsync(row, "tookMs", () => SearchTimesAsync(run.Http, run.Paths))}");

            var heldOut = library.HeldOut[sizeNumber % library.HeldOut.Count];
            var uploadBody = library.Documents.Where(d => d.Chunks.Count >= 4).Select(d => d.Chunks.Take(4).Select(u => library.Units[u]).ToList()).First();
            var uniqueWord = "scaleprobe" + new string(Random.Shared.GetItems("abcdefghijklmnopqrstuvwxyz".AsSpan(), 10));
            row.UploadToSearchable = await CellAsync(row, "upload to searchable", async () =>
                (await new UploadProbe(run.Http, run.Launch.ApiKey).MeasureAsync(heldOut, uploadBody, uniqueWord, UploadTimeout)).Cell);
            row.ReindexSeconds = await CellAsync(row, "reindex", async () =>
                (await new ReindexProbe(run.Http, run.Launch.ApiKey).MeasureAsync(_options.PhaseTimeout)).ToString("F1", CultureInfo.InvariantCulture));
            row.Notes.Add($"/health after the reindex: {await CellAsync(row, "health", () => run.Http.GetStringAsync("/health"))}");
        }
        await service.StopAsync();
        row.Notes.Add($"restart log: {service.LogSummary()}");
    }

    /// <summary>wrk on every endpoint at every client count, one after the other.</summary>
    private async Task MeasureLoadAsync(ServiceRun run, ScaleRow row)
    {
        foreach (var endpoint in run.Paths.Endpoints)
        {
            await WrkRunner.WarmUpAsync(run.Http, endpoint);
            foreach (var clients in _options.Clients)
            {
                row.Load[(endpoint.Name, clients)] = await CellAsync(row, $"{endpoint.Name} at {clients} clients", async () =>
                {
                    // A few seconds of the same load first, not counted, as in the by-hand cells of docs/scaling.md: the
                    // first cell after a restart otherwise measures cold caches (figures there).
                    await WrkRunner.RunAsync(run.Launch.BaseUrl, endpoint, clients, WrkRunner.WarmUpLoad, run.WrkFolder);
                    var result = await WrkRunner.RunAsync(run.Launch.BaseUrl, endpoint, clients, _options.LoadDuration, run.WrkFolder);
                    Log($"{endpoint.Name} at {clients} clients: {result.Cell}");
                    return result.Cell;
                });
            }
        }
    }

    /// <summary>
    /// What the service itself reports as its search time (tookMs) for one query, keyword and hybrid, with 1 and 10
    /// hits per page: separates the search's own cost, and its cost per hit shown, from HTTP and queueing.
    /// </summary>
    private static async Task<string> SearchTimesAsync(HttpClient http, LoadPaths paths)
    {
        var keyword = paths.Endpoints[0].Paths[0];
        var hybrid = paths.Endpoints[1].Paths[0];
        var parts = new List<string>();
        foreach (var (mode, path) in new[] { ("keyword", keyword), ("hybrid", hybrid) })
        {
            foreach (var size in new[] { 1, 10 })
            {
                var times = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    using var answer = JsonDocument.Parse(await http.GetStringAsync(path.Replace("size=10", $"size={size}", StringComparison.Ordinal)));
                    times.Add(answer.RootElement.GetProperty("tookMs").GetDouble());
                }
                times.Sort();
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{mode} size={size} {times[2]:F1} ms"));
            }
        }
        return $"{Uri.UnescapeDataString(keyword)}: {string.Join(", ", parts)}";
    }

    /// <summary>Runs one measurement; a failure becomes the cell's text ("failed: reason") and a note, never an exception.</summary>
    private async Task<string> CellAsync(ScaleRow row, string what, Func<Task<string>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception e)
        {
            Log($"{row.Briefs:N0} briefs: {what} failed: {e.Message}");
            row.Notes.Add($"{what} failed: {e.Message}");
            return $"failed: {FirstLine(e.Message)}";
        }
    }

    private static IEnumerable<int> UnitsOf(BriefPlan plan) =>
        plan.Body.Prepend(plan.SummarySection).Select(s => s.Unit)
            .Concat(plan.Findings.Select(f => f.Unit))
            .Concat(plan.Recommendations.Select(r => r.Statement.Unit));

    private static string Extrapolated(int passages, double passagesPerSecond)
    {
        var seconds = passages / passagesPerSecond;
        var duration = seconds switch
        {
            < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
            < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"≈ {duration} ({passages:N0} ÷ {passagesPerSecond:F1}/s)");
    }

    private string CacheFolder(int count) =>
        Path.Combine(_options.WorkFolder, string.Create(CultureInfo.InvariantCulture, $"embedding-cache-{count}-{_options.Seed}"));

    private string LogPath(int count, string phase) =>
        Path.Combine(_options.WorkFolder, "logs", string.Create(CultureInfo.InvariantCulture, $"service-{count}-{phase}.log"));

    /// <summary>The 1-, 5- and 15-minute load averages: other work on the machine moves every figure.</summary>
    private static string LoadAverage() => string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private async Task<string> CommitAsync()
    {
        try
        {
            var (_, head) = await ExternalCommand.RunAsync("git", ["rev-parse", "--short", "HEAD"], _options.RepositoryRoot, TimeSpan.FromSeconds(30));
            var (_, changes) = await ExternalCommand.RunAsync("git", ["status", "--porcelain", "--untracked-files=no"], _options.RepositoryRoot, TimeSpan.FromSeconds(30));
            return head.Trim() + (changes.Trim().Length > 0 ? " with uncommitted changes" : "");
        }
        catch (Exception e)
        {
            return $"unknown ({FirstLine(e.Message)})";
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 160 ? line : line[..160] + "…";
    }

    private static void Log(string message) => Console.Error.WriteLine($"[scale {DateTime.Now:HH:mm:ss}] {message}");
}
