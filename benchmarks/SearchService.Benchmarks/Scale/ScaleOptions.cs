using System.Globalization;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The arguments of the <c>scale</c> verb. Relative paths are read from the repository root, as the rest of the
/// benchmarks program does, so the command behaves the same from any folder of the checkout.
/// </summary>
public sealed class ScaleOptions
{
    public const string Usage =
        "scale --briefs N[,N…] [--seed S] [--work DIR] [--skip-build] [--encoded-sample M] [--clients 1,8] [--duration 15] [--timeout MINUTES] [--lists-minutes MINUTES] [--report FILE]";

    /// <summary>Corpus sizes, in briefs, each measured in turn.</summary>
    public required IReadOnlyList<int> BriefCounts { get; init; }

    /// <summary>Makes the generated corpus, its vectors' noise and the load queries the same from run to run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Holds generated briefs, vector caches, indexes, the published service and logs; kept between runs.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>Reuse the service already published into the work folder instead of publishing it again.</summary>
    public bool SkipBuild { get; init; }

    /// <summary>Passages encoded by the real encoder to measure its throughput (every run).</summary>
    public int EncodedSample { get; init; } = 500;

    /// <summary>Concurrent connections of each HTTP load run.</summary>
    public IReadOnlyList<int> Clients { get; init; } = [1, 8];

    /// <summary>Length of each HTTP load run.</summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest wait for one phase (a start, a reindex) before it is reported as timed out.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Longest wait, after embedding is done, for a cold build's related lists: a first fill at 100,000 briefs takes
    /// hours on 2 cores, so past this the benchmark reports how many were done and at what rate, and goes on.
    /// </summary>
    public TimeSpan ListsWait { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>The Markdown file each run's results are appended to.</summary>
    public required string ReportPath { get; init; }

    public required string RepositoryRoot { get; init; }

    /// <summary>The shared read-only corpora and datasets the briefs are recombined from.</summary>
    public string SharedFolder => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>The arguments as given, to print the exact command in the report.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var root = Core.RepositoryPaths.FindRoot(Directory.GetCurrentDirectory())
                   ?? throw new ArgumentException("Run the scale benchmark from inside the repository (no SearchService.sln above the current folder).");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{name}'. Usage: {Usage}");
            if (name == "--skip-build")
            {
                flags.Add(name);
                continue;
            }
            if (i + 1 >= args.Count) throw new ArgumentException($"{name} needs a value. Usage: {Usage}");
            values[name] = args[++i];
        }
        var known = new[] { "--briefs", "--seed", "--work", "--encoded-sample", "--clients", "--duration", "--timeout", "--lists-minutes", "--report" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) throw new ArgumentException($"Unknown option {unknown}. Usage: {Usage}");
        if (!values.TryGetValue("--briefs", out var briefs)) throw new ArgumentException($"--briefs is required. Usage: {Usage}");

        return new ScaleOptions
        {
            BriefCounts = PositiveList("--briefs", briefs),
            Seed = values.TryGetValue("--seed", out var seed) ? Number("--seed", seed, minimum: 0) : 1,
            WorkFolder = Path.GetFullPath(Path.Combine(root, values.GetValueOrDefault("--work") ?? Path.Combine("benchmarks", "results", "scale-work"))),
            SkipBuild = flags.Contains("--skip-build"),
            EncodedSample = values.TryGetValue("--encoded-sample", out var sample) ? Number("--encoded-sample", sample, minimum: 1) : 500,
            Clients = values.TryGetValue("--clients", out var clients) ? PositiveList("--clients", clients) : [1, 8],
            LoadDuration = TimeSpan.FromSeconds(values.TryGetValue("--duration", out var duration) ? Number("--duration", duration, minimum: 1) : 15),
            PhaseTimeout = TimeSpan.FromMinutes(values.TryGetValue("--timeout", out var timeout) ? Number("--timeout", timeout, minimum: 1) : 60),
            ListsWait = TimeSpan.FromMinutes(values.TryGetValue("--lists-minutes", out var lists) ? Number("--lists-minutes", lists, minimum: 0) : 60),
            ReportPath = Path.GetFullPath(Path.Combine(root, values.GetValueOrDefault("--report") ?? Path.Combine("benchmarks", "results", "scale.md"))),
            RepositoryRoot = root,
            Arguments = args.ToList(),
        };
    }

    private static List<int> PositiveList(string name, string value)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Number(name, v, minimum: 1)).ToList();
        return items.Count > 0 ? items : throw new ArgumentException($"{name} needs at least one number (got '{value}').");
    }

    private static int Number(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum
            ? number
            : throw new ArgumentException($"{name} must be a whole number of at least {minimum} (got '{value}').");
}
