using Spectre.Console;

namespace SearchService.Cli.Terminal;

/// <summary>
/// Runs an indexing job under a live progress bar (count, rate, elapsed and remaining time) when a person is
/// watching a terminal, and silently otherwise, so redirected and <c>--json</c> output stay machine-readable.
/// </summary>
internal static class IngestProgress
{
    /// <summary>True when stdout is a terminal and the output is not JSON.</summary>
    public static bool IsInteractive(bool json) => !json && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/>, handing it the progress callback the ingestor calls before each file.</summary>
    public static T Run<T>(bool interactive, string title, Func<Action<string, int, int>?, T> work)
    {
        if (!interactive) return work(null);
        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new CountAndRateColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var result = work((file, n, total) =>
                {
                    task.MaxValue = total;
                    task.Value = n - 1;
                    task.Description = $"{Markup.Escape(title)} [grey]{Markup.Escape(Shorten(Path.GetFileName(file), 32))}[/]";
                });
                task.Value = task.MaxValue;
                task.Description = Markup.Escape(title);
                return result;
            });
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
