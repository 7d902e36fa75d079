using System.CommandLine;
using SearchService.Core.Indexing;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice index &lt;path&gt;...</c>: extracts and indexes files and folders, then reports what failed and why.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Brief files or folders of briefs", Arity = ArgumentArity.OneOrMore };
        var command = new Command("index", "Extract and index briefs from files and folders") { paths, CliApp.JsonOption };
        command.SetAction(result =>
        {
            using var index = IndexLocation.Open(result);
            using var semantic = SemanticComponents.TryOpen(result);
            var report = BriefIngestor.Ingest(index, result.GetValue(paths)!, embedder: semantic?.Embedder);
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(Core.Briefs.BriefJson.Serialize(report, indented: true));
            }
            else
            {
                Console.WriteLine($"Indexed {report.Indexed.Count} briefs ({report.Indexed.Sum(f => f.Passages)} passages), " +
                                  $"{report.Unchanged.Count} unchanged, {report.Failed.Count} failed, in {report.Elapsed.TotalSeconds:F1} s into {index.Path}");
                foreach (var failure in report.Failed) Console.WriteLine($"  failed: {failure.File}: {failure.Reason}");
            }
            // Partial success is still success; only a run that indexed nothing from something is a failure.
            return report.Failed.Count > 0 && report.Indexed.Count + report.Unchanged.Count == 0 ? 1 : 0;
        });
        return command;
    }
}
