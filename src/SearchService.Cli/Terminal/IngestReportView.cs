using SearchService.Core.Indexing;
using Spectre.Console;

namespace SearchService.Cli.Terminal;

/// <summary>
/// How an indexing run is reported in text: one summary line, then the failures with their reasons — a table
/// on a terminal, one "failed: file: reason" line each when the output is redirected (easy to grep).
/// </summary>
internal static class IngestReportView
{
    public static void WriteSummary(TextWriter output, IngestReport report, string target) =>
        output.WriteLine($"Indexed {report.Indexed.Count} briefs ({report.Indexed.Sum(f => f.Passages)} passages), " +
                         $"{report.Unchanged.Count} unchanged, {report.Failed.Count} failed, in {report.Elapsed.TotalSeconds:F1} s into {target}");

    public static void WriteFailures(IReadOnlyList<FailedFile> failed, bool asTable)
    {
        if (failed.Count == 0) return;
        if (asTable)
        {
            AnsiConsole.Write(FailureTable(failed));
            return;
        }
        foreach (var failure in failed) Console.WriteLine($"  failed: {failure.File}: {failure.Reason}");
    }

    public static Table FailureTable(IReadOnlyList<FailedFile> failed)
    {
        var table = new Table()
            .Title($"[red]{failed.Count} file(s) not indexed[/]")
            .AddColumn(new TableColumn("[bold]File[/]"))
            .AddColumn(new TableColumn("[bold]Reason[/]"));
        foreach (var failure in failed)
            table.AddRow(new Text(RelativeToCurrentFolder(failure.File)), new Text(failure.Reason));
        return table;
    }

    private static string RelativeToCurrentFolder(string file)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
