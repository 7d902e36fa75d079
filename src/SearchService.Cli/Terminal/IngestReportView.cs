using SearchService.Core.Indexing;
using Spectre.Console;

namespace SearchService.Cli.Terminal;

/// <summary>
/// How an indexing run is reported in text: one summary line, then the files skipped or failed with their
/// reasons — a table on a terminal, one "skipped: file: reason" or "failed: file: reason" line each when the
/// output is redirected (easy to grep).
/// </summary>
internal static class IngestReportView
{
    public static void WriteSummary(TextWriter output, IngestReport report, string target) =>
        output.WriteLine($"Indexed {report.Indexed.Count} briefs ({report.Indexed.Sum(f => f.Passages)} passages), " +
                         $"{report.Unchanged.Count} unchanged, {report.Skipped.Count} skipped, {report.Failed.Count} failed, " +
                         $"in {report.Elapsed.TotalSeconds:F1} s into {target}" +
                         (report.Boilerplate.Count == 0 ? "" : "; boilerplate dropped: " +
                             string.Join(", ", report.Boilerplate.Select(b => $"{b.Publisher} {b.Dropped} paragraphs ({b.Paragraphs} distinct)"))));

    public static void WriteFiles(IngestReport report, bool asTable)
    {
        var files = report.Skipped.Select(s => (Outcome: "skipped", s.File, s.Reason))
            .Concat(report.Failed.Select(f => (Outcome: "failed", f.File, f.Reason)))
            .ToList();
        if (files.Count == 0) return;
        if (asTable)
        {
            AnsiConsole.Write(FileTable(files));
            return;
        }
        foreach (var (outcome, file, reason) in files) Console.WriteLine($"  {outcome}: {file}: {reason}");
    }

    private static Table FileTable(IReadOnlyList<(string Outcome, string File, string Reason)> files)
    {
        var failed = files.Count(f => f.Outcome == "failed");
        var table = new Table()
            .Title(failed > 0 ? $"[red]{failed} file(s) not indexed[/]" : $"{files.Count} file(s) skipped")
            .AddColumn(new TableColumn("[bold]File[/]"))
            .AddColumn(new TableColumn("[bold]Outcome[/]"))
            .AddColumn(new TableColumn("[bold]Reason[/]"));
        foreach (var (outcome, file, reason) in files)
            table.AddRow(new Text(RelativeToCurrentFolder(file)), new Markup(outcome == "failed" ? "[red]failed[/]" : "[yellow]skipped[/]"), new Text(reason));
        return table;
    }

    private static string RelativeToCurrentFolder(string file)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
