using System.Diagnostics;
using System.Globalization;

namespace SearchService.Benchmarks.Scale;

/// <summary>Times the phases of a run, logs each as it ends, and keeps them for the report.</summary>
public sealed class PhaseClock(Action<string> log)
{
    private readonly List<(string Phase, TimeSpan Took)> _phases = [];

    public IReadOnlyList<(string Phase, TimeSpan Took)> Phases => _phases;

    public T Time<T>(string phase, Func<T> work) => TimeAsync(phase, () => Task.FromResult(work())).GetAwaiter().GetResult();

    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> work)
    {
        log($"{phase}…");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            return await work();
        }
        finally
        {
            _phases.Add((phase, stopwatch.Elapsed));
            log(string.Create(CultureInfo.InvariantCulture, $"{phase}: {stopwatch.Elapsed.TotalSeconds:F1} s"));
        }
    }

    public async Task TimeAsync(string phase, Func<Task> work) => await TimeAsync(phase, async () =>
    {
        await work();
        return true;
    });
}
