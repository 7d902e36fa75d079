using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SearchService.Benchmarks.Scale;

namespace SearchService.Benchmarks.Load;

/// <summary>
/// The service under load on one corpus (the sample briefs by default), as a publisher's search box sees it: wrk
/// against the published Release service over loopback, per endpoint, at 1 and 8 connections; once with every request
/// computed (result and query-vector caches off, distinct queries) and once as configured by default with a realistic
/// repeated-query mix (Zipf-like: the top 20 queries are half the traffic). Resident memory after start and after load.
/// </summary>
public static class LoadBenchmark
{
    private const string Usage = "load [--briefs DIR] [--work DIR] [--clients 1,8] [--duration 15] [--skip-build] [--report FILE]";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Core.RepositoryPaths.FindRoot(Directory.GetCurrentDirectory())
                   ?? throw new ArgumentException("Run the load benchmark from inside the repository.");
        var options = Options(args);
        var briefs = Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--briefs") ?? Path.Combine("index", "briefs")));
        var work = Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--work") ?? Path.Combine("benchmarks", "results", "load-work")));
        var clients = (options.GetValueOrDefault("--clients") ?? "1,8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("--duration") ?? "15", CultureInfo.InvariantCulture));
        var reportPath = Path.GetFullPath(Path.Combine(root, options.GetValueOrDefault("--report") ?? Path.Combine("benchmarks", "results", "load.md")));
        void Log(string line) => Console.Error.WriteLine($"[load {DateTime.Now:HH:mm:ss}] {line}");

        await EnsureWrkAsync(Log);
        var assembly = await ServiceBinary.PrepareAsync(root, work, options.ContainsKey("--skip-build"), Log);
        var index = Path.Combine(work, "index");
        // The repository's embedding cache: the sample briefs' vectors are usually there already, so the build encodes little.
        var cache = Path.Combine(root, "index", "embedding-cache");
        var report = new StringBuilder($"\n## {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: the briefs of {Path.GetRelativePath(root, briefs)}\n\n");
        report.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; load average before: {File.ReadAllText("/proc/loadavg").Trim()}.\n\n");

        foreach (var cachesOn in new[] { false, true })
        {
            var launch = ServiceLaunch.For(assembly, root, index, briefs, cache, RandomNumberGenerator.GetHexString(64, lowercase: true), cachesOn);
            using var http = new HttpClient { BaseAddress = new Uri(launch.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
            await using var service = ServiceProcess.Start(launch, Path.Combine(work, "logs", cachesOn ? "caches-on.log" : "caches-off.log"));
            Log($"service with caches {(cachesOn ? "on" : "off")}: {launch.CommandLine}");
            var serving = await EndpointReadiness.WaitUntilServingAsync(service, http, ["/health", "/api/search?q=report", "/api/suggest?q=re"], TimeSpan.FromMinutes(30));
            await BackgroundWork.WaitUntilDoneAsync(service, http, TimeSpan.FromMinutes(30), listsWait: TimeSpan.FromMinutes(30));
            var paths = await LoadRequests.BuildAsync(http, root);
            var startRss = service.ResidentMebibytes();
            report.Append(CultureInfo.InvariantCulture, $"### Caches {(cachesOn ? "on (as shipped)" : "off (every request computed)")}\n\n");
            report.Append(CultureInfo.InvariantCulture, $"{paths.BriefCount} briefs; serving {serving.TotalSeconds:F1} s after start (the first run builds the index); RSS when idle after start {startRss:F0} MiB.\n\n`{launch.CommandLine}`\n\n");
            report.Append("| endpoint | requests rotated | ").AppendJoin(" | ", clients.Select(c => $"{c} connection{(c == 1 ? "" : "s")}: req/s · p50 / p99")).Append(" |\n|---|---|")
                .Append(string.Concat(clients.Select(_ => "---|"))).Append('\n');
            var endpoints = cachesOn
                ? new[] { new LoadEndpoint("keyword, Zipf mix", paths.KeywordZipf), new LoadEndpoint("hybrid, Zipf mix", paths.HybridZipf), new LoadEndpoint("related", paths.Related), new LoadEndpoint("suggest", paths.Suggest) }
                : [new LoadEndpoint("keyword", paths.Keyword), new LoadEndpoint("hybrid, distinct queries", paths.Hybrid), new LoadEndpoint("related", paths.Related), new LoadEndpoint("suggest", paths.Suggest)];
            foreach (var endpoint in endpoints)
            {
                await WrkRunner.WarmUpAsync(http, endpoint);
                var cells = new List<string>();
                foreach (var count in clients)
                {
                    Log($"{endpoint.Name}, {count} connections…");
                    try
                    {
                        cells.Add((await WrkRunner.RunAsync(launch.BaseUrl, endpoint with { Name = Slug(endpoint.Name) }, count, duration, Path.Combine(work, "wrk"))).Cell);
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        cells.Add($"failed: {e.Message.ReplaceLineEndings(" ")}");
                    }
                }
                report.Append(CultureInfo.InvariantCulture, $"| {endpoint.Name} | {endpoint.Paths.Count} | {string.Join(" | ", cells)} |\n");
            }
            report.Append(CultureInfo.InvariantCulture, $"\nRSS after the load: {service.ResidentMebibytes():F0} MiB. wrk: `{WrkRunner.CommandLine(8, duration, Path.Combine(work, "wrk", "rotate-<endpoint>.lua"), launch.BaseUrl)}`\n\n");
            await service.StopAsync();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        await File.AppendAllTextAsync(reportPath, report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>wrk from Debian's packages, installed when missing (the benchmark machine is a Debian box run as root).</summary>
    private static async Task EnsureWrkAsync(Action<string> log)
    {
        if (Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(folder => File.Exists(Path.Combine(folder, "wrk")))) return;
        log("wrk is missing: apt-get install -y wrk");
        var (exitCode, output) = await ExternalCommand.RunAsync("apt-get", ["install", "-y", "wrk"], Directory.GetCurrentDirectory(), TimeSpan.FromMinutes(10));
        if (exitCode != 0) throw new InvalidOperationException($"Installing wrk failed (apt-get exit code {exitCode}); install it by hand: apt-get install -y wrk.\n{output}");
    }

    private static string Slug(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--skip-build") options[args[i]] = "";
            else if (args[i] is "--briefs" or "--work" or "--clients" or "--duration" or "--report" && i + 1 < args.Length) options[args[i]] = args[++i];
            else throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: {Usage}");
        }
        return options;
    }
}
