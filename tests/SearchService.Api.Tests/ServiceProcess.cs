using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>
/// The service as its own process (<c>dotnet SearchService.Api.dll</c>) on a free loopback port, for what only a
/// real process shows: a kill at any moment, a restart. Settings go in as environment variables. Every wait has a
/// guard, so a hang fails the test instead of stalling it.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(4);
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }
    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SearchService.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Urls"] = address.ToString();
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new ServiceProcess(Process.Start(start)!, address);
    }

    /// <summary>Polls <c>/health</c> until <paramref name="ready"/> holds for its JSON, and returns that JSON.</summary>
    public async Task<JsonNode> HealthWhen(Func<JsonNode, bool> ready)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < Guard)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited ({_process.ExitCode}):\n{Output}");
            try
            {
                var health = JsonNode.Parse(await Client.GetStringAsync("/health"))!;
                if (ready(health)) return health;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"/health never satisfied the condition within {Guard}:\n{Output}");
    }

    /// <summary>Kills the process outright (SIGKILL), as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as an orchestrator or <c>systemctl stop</c> does to stop the service gracefully.</summary>
    public void Terminate()
    {
        const int sigterm = 15;
        if (SendSignal(_process.Id, sigterm) != 0) throw new InvalidOperationException($"SIGTERM to process {_process.Id} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> Exited()
    {
        using var guard = new CancellationTokenSource(Guard);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        Client.Dispose();
        _process.Dispose();
    }
}
