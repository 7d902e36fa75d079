using System.Diagnostics;
using System.Globalization;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The service running as a child process, its output going to a log file. Stopping asks it to shut down
/// (SIGTERM) and kills it only if it does not within the grace period.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);
    private const int TailLines = 30;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private bool _closed;

    private ServiceProcess(Process process, StreamWriter log, string logPath, Stopwatch sinceStart)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        SinceStart = sinceStart;
    }

    /// <summary>Where the service's output goes.</summary>
    public string LogPath { get; }

    /// <summary>Time since the process was started: what start-up and build times are measured from.</summary>
    public Stopwatch SinceStart { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(ServiceLaunch launch, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(launch.Assembly);
        foreach (var (name, value) in launch.Environment) start.Environment[name] = value;
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var sinceStart = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet for the service.");
        var service = new ServiceProcess(process, log, logPath, sinceStart);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Resident memory of the process from /proc, in MiB.</summary>
    public double ResidentMebibytes() => StatusMebibytes("VmRSS");

    /// <summary>
    /// Resident memory with its two parts: anonymous (heaps, models) and file-backed (pages of the memory-mapped index
    /// and libraries, which the kernel drops under memory pressure and reads again when touched).
    /// </summary>
    public string ResidentCell() => string.Create(CultureInfo.InvariantCulture,
        $"{StatusMebibytes("VmRSS"):F0} (anon {StatusMebibytes("RssAnon"):F0}, file {StatusMebibytes("RssFile"):F0})");

    private double StatusMebibytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field} line (has the service exited?)");
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }

    /// <summary>Why the process is gone, with the last lines it wrote, for a failure message.</summary>
    public string ExitDescription()
    {
        lock (_gate) return $"exit code {_process.ExitCode}; last output:\n{string.Join('\n', _tail)}";
    }

    /// <summary>
    /// What the log says that matters to the figures: the index build's own summary line, and how many warnings and
    /// errors were logged, with the first of them.
    /// </summary>
    public string LogSummary()
    {
        string[] lines;
        lock (_gate) lines = File.ReadAllLines(LogPath);
        // The console logger writes "warn: Category[id]" and the message on the next line.
        var messages = lines.Select((line, i) => (Level: line.Split(':')[0], Message: i + 1 < lines.Length ? lines[i + 1].Trim() : "")).ToList();
        var built = lines.Where(l => l.Contains("Index built:", StringComparison.Ordinal)).Select(l => l.Trim()).LastOrDefault();
        var problems = messages.Where(m => m.Level is "warn" or "fail" or "crit").ToList();
        var summary = built ?? "no \"Index built\" line (the index was opened, not built)";
        summary += problems.Count == 0 ? "; no warnings or errors" : $"; {problems.Count} warnings or errors, the first: {problems[0].Level}: {problems[0].Message}";
        return $"{summary} ({Path.GetFileName(LogPath)})";
    }

    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        await ExternalCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], Environment.CurrentDirectory, TimeSpan.FromSeconds(10));
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            if (_closed) return;
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}
