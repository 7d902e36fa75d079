using System.Diagnostics;

namespace SearchService.Cli.Tests;

/// <summary>
/// A <c>searchservice</c> process left running (for <c>--watch</c>, or to be killed mid-run), whose output lines
/// can be awaited. Every wait has a generous guard so a hang fails the test instead of stalling it.
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _newLine = new(0);
    private int _cursor;

    private RunningCli(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static RunningCli Start(params string[] args) => Start(CliRunner.StartInfo(args));

    /// <summary>Starts the program as <paramref name="start"/> says (from <see cref="CliRunner.StartInfo"/>, with its environment adjusted).</summary>
    public static RunningCli Start(ProcessStartInfo start) => new(Process.Start(start)!);

    /// <summary>Everything the process has printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines);
        }
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _newLine.Release();
    }

    /// <summary>The next line, after the last one matched, that satisfies <paramref name="match"/>.</summary>
    public async Task<string> NextLine(Func<string, bool> match)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            lock (_lines)
            {
                while (_cursor < _lines.Count)
                {
                    var line = _lines[_cursor++];
                    if (match(line)) return line;
                }
            }
            try
            {
                await _newLine.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"searchservice never printed the line awaited. Output:\n{Output}");
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds or the process has exited, polling every 10 ms.</summary>
    public async Task Until(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (!condition() && !_process.HasExited) await Task.Delay(10, guard.Token);
    }

    /// <summary>Kills the process outright (SIGKILL), as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(Guard);
    }

    /// <summary>Sends Ctrl+C (SIGINT) and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            // What the process printed says how far its shutdown got.
            throw new TimeoutException($"searchservice had not exited {Guard.TotalMinutes:F0} min after Ctrl+C. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _newLine.Dispose();
    }
}
