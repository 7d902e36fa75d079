using System.CommandLine;
using SearchService.Cli.Terminal;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice reindex</c>: rebuilds the index into a new generation and swaps it in — from every brief's
/// kept original by default, or from a folder with <c>--from</c> — embedding passages unless
/// <c>--no-embeddings</c>. For an index a running service holds, use <c>POST /api/admin/reindex</c>.
/// </summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from")
        {
            Description = "Rebuild from this folder of briefs (the new index holds exactly its briefs) instead of the kept originals",
        };
        var command = new Command("reindex", "Rebuild the index into a new generation and swap it in atomically") { from, CliApp.JsonOption };
        command.SetAction((result, cancellationToken) =>
        {
            var folder = result.GetValue(from);
            if (folder is not null && !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"--from {folder}: no such folder.");
                return Task.FromResult(2);
            }
            using var semantic = SemanticComponents.TryOpen(result);
            using var index = folder is null ? IndexLocation.OpenExisting(result, semantic?.Embedder) : IndexLocation.Open(result, semantic?.Embedder);
            if (index is null) return Task.FromResult(1);
            var json = result.GetValue(CliApp.JsonOption);
            var interactive = IngestProgress.IsInteractive(json);

            RebuildReport rebuilt;
            try
            {
                rebuilt = IngestProgress.Run(interactive, "Reindexing", progress =>
                    index.Rebuild(folder is null ? null : Path.GetFullPath(folder), progress, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"Stopped; the new generation was discarded and generation {index.Generation} is still current.");
                return Task.FromResult(130);
            }

            if (json)
            {
                Console.WriteLine(BriefJson.Serialize(rebuilt, indented: true));
                return Task.FromResult(0);
            }
            Console.WriteLine($"Generation {rebuilt.Generation} is now current, rebuilt from {(folder is null ? "the kept originals" : Path.GetFullPath(folder))}.");
            IngestReportView.WriteSummary(Console.Out, rebuilt.Report, index.Root);
            IngestReportView.WriteFiles(rebuilt.Report, asTable: interactive);
            return Task.FromResult(0);
        });
        return command;
    }
}
