using System.CommandLine;
using SearchService.Cli.Terminal;
using SearchService.Cli.Watching;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice index &lt;path&gt;...</c>: extracts and indexes files and folders with a progress bar, reports
/// what failed and why, and with <c>--watch</c> keeps the index in step with the files until Ctrl+C.
/// </summary>
internal static class IndexCommand
{
    /// <summary>Quiet time after the last file change before a batch of changes is indexed.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(400);

    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Brief files or folders of briefs", Arity = ArgumentArity.OneOrMore };
        var watch = new Option<bool>("--watch")
        {
            Description = "Keep running: index files as they change, remove the briefs of deleted files; Ctrl+C stops",
        };
        var commitEvery = new Option<int>("--commit-every")
        {
            Description = "Commit after this many files, so an interrupted run keeps its work",
            DefaultValueFactory = _ => BriefIngestor.DefaultCommitEvery,
        };
        var command = new Command("index", "Extract and index briefs from files and folders") { paths, watch, commitEvery, CliApp.JsonOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(commitEvery) < 1)
            {
                Console.Error.WriteLine($"--commit-every must be 1 or more (got {result.GetValue(commitEvery)}).");
                return 2;
            }
            using var index = IndexLocation.Open(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            using var semantic = SemanticComponents.TryOpen(result);
            if (semantic is not null && !semantic.CanWriteTo(lease.Index, result)) return 2;
            var json = result.GetValue(CliApp.JsonOption);
            var interactive = IngestProgress.IsInteractive(json);
            var targets = result.GetValue(paths)!;

            IngestReport report;
            try
            {
                report = IngestProgress.Run(interactive, "Indexing", progress =>
                    BriefIngestor.Ingest(lease.Index, targets, progress, semantic?.Embedder, result.GetValue(commitEvery), cancellationToken));
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("Stopped; the briefs indexed so far are kept.");
                return 130;
            }

            if (json)
            {
                Console.WriteLine(BriefJson.Serialize(report, indented: !result.GetValue(watch)));
            }
            else
            {
                IngestReportView.WriteSummary(Console.Out, report, index.Root);
                IngestReportView.WriteFiles(report, asTable: interactive);
            }
            if (result.GetValue(watch)) return await WatchAsync(new BriefFolderSync(lease.Index, report, semantic?.Embedder), targets, json, cancellationToken);
            // Partial success is still success; only a run that indexed nothing from something is a failure.
            return report.Failed.Count > 0 && report.Indexed.Count + report.Unchanged.Count == 0 ? 1 : 0;
        });
        return command;
    }

    private static async Task<int> WatchAsync(BriefFolderSync sync, IEnumerable<string> targets, bool json, CancellationToken cancellationToken)
    {
        using var watcher = new FolderWatcher(targets, Debounce);
        // In JSON mode stdout carries one JSON object per batch; messages for people go to stderr.
        var messages = json ? Console.Error : Console.Out;
        messages.WriteLine($"Watching {string.Join(", ", watcher.Watched)} for changes; Ctrl+C stops.");
        await foreach (var batch in watcher.Batches(cancellationToken))
        {
            var changes = sync.Apply(batch);
            if (changes.IsEmpty) continue;
            if (json)
            {
                Console.WriteLine(BriefJson.Serialize(changes));
                continue;
            }
            var time = DateTime.Now.ToString("HH:mm:ss");
            foreach (var file in changes.Indexed) Console.WriteLine($"{time} indexed {file.File} as '{file.Id}' ({file.Passages} passages)");
            foreach (var file in changes.Removed) Console.WriteLine($"{time} removed '{file.Id}' ({file.File})");
            foreach (var skip in changes.Skipped) Console.WriteLine($"{time} skipped: {skip.File}: {skip.Reason}");
            foreach (var failure in changes.Failed) Console.WriteLine($"{time} failed: {failure.File}: {failure.Reason}");
        }
        messages.WriteLine("Stopped watching.");
        return 0;
    }
}
