using System.Diagnostics;
using System.Text.Json.Nodes;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using Xunit.Abstractions;

namespace SearchService.Cli.Tests;

public sealed partial class LiveIndexingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-cli-live-").FullName;

    private static readonly string[] CopiedFixtures =
        ["navigating-ai-sovereignty.md", "gao-26-107759.md", "gao-26-107815.md", "IF11783v7-biometric-technologies-and-global-security.md"];

    /// <summary>A folder of <paramref name="copies"/> copies of four fixtures, each under its own file name and so its own id.</summary>
    private string ManyBriefs(int copies)
    {
        var folder = Path.Combine(_folder, "many");
        Directory.CreateDirectory(folder);
        foreach (var name in CopiedFixtures)
        {
            for (var n = 1; n <= copies; n++)
                File.Copy(Path.Combine(CliRunner.FixtureBriefs, name), Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)}-copy-{n:00}.md"));
        }
        return folder;
    }

    /// <summary>How many commits the index at <paramref name="indexPath"/> has made: Lucene names each commit segments_N, N counting up in base 36.</summary>
    private static int CommitsMade(string indexPath)
    {
        try
        {
            var generation = File.ReadAllText(Path.Combine(indexPath, "current")).Trim();
            return Directory.GetFiles(Path.Combine(indexPath, "generations", generation), "segments_*")
                .Select(f => Path.GetFileName(f)["segments_".Length..])
                .Select(n => n.Aggregate(0, (value, digit) => value * 36 + (char.IsDigit(digit) ? digit - '0' : digit - 'a' + 10)))
                .DefaultIfEmpty(0)
                .Max();
        }
        catch (IOException)
        {
            return 0; // not created yet, or a commit was renaming its file
        }
    }

    [Fact]
    public async Task Killing_index_at_any_moment_leaves_an_index_that_opens_at_its_last_commit()
    {
        const int copies = 10;
        const int commitEvery = 4;
        var briefs = ManyBriefs(copies);
        var total = copies * CopiedFixtures.Length;
        var random = new Random(4242);
        string? lastIndex = null;

        for (var attempt = 0; attempt < 4; attempt++)
        {
            lastIndex = Path.Combine(_folder, $"index-{attempt}");
            // Kill points spread over the run whatever the machine's speed: after the run has made 1, 3, 5, 7
            // commits (the first is the empty index), plus a random delay that lands between commits.
            var commits = 1 + attempt * 2;
            var delay = random.Next(0, 400);
            using (var run = RunningCli.Start("index", briefs, "--index", lastIndex, "--commit-every", commitEvery.ToString()))
            {
                await run.Until(() => CommitsMade(lastIndex) >= commits);
                await Task.Delay(delay);
                run.Kill();
            }

            using var index = LiveIndex.Open(lastIndex);
            using var lease = index.Acquire();
            var count = lease.Index.Count;
            output.WriteLine($"killed {delay} ms after commit {commits}: {count} of {total} briefs committed");
            Assert.True(count % commitEvery == 0 || count == total, $"{count} briefs is not a committed state");
            var (listed, all) = lease.Index.List(1, 100);
            Assert.Equal(count, listed);
            Assert.All(all, brief => Assert.NotNull(lease.Index.Get(brief.Id)));
            var searched = new BriefSearcher(lease.Index).Search(new SearchRequest("quantum", Size: 100));
            Assert.Equal(all.Count(b => b.Id.StartsWith("gao-26-107759", StringComparison.Ordinal)), searched.Total);
        }

        // Running again finishes the job from where the last commit left it.
        var finish = CliRunner.Invoke("index", briefs, "--index", lastIndex!, "--json");
        Assert.Equal(0, finish.ExitCode);
        var report = JsonNode.Parse(finish.Output)!;
        Assert.Equal(total, report["indexed"]!.AsArray().Count + report["unchanged"]!.AsArray().Count);
        using var finished = LiveIndex.Open(lastIndex!);
        using var finishedLease = finished.Acquire();
        Assert.Equal(total, finishedLease.Index.Count);
    }

    [Fact]
    public async Task Watch_follows_new_changed_and_deleted_files_until_ctrl_c()
    {
        var briefs = Path.Combine(_folder, "watched");
        Directory.CreateDirectory(briefs);
        File.Copy(Path.Combine(CliRunner.FixtureBriefs, "navigating-ai-sovereignty.md"), Path.Combine(briefs, "navigating-ai-sovereignty.md"));
        var indexPath = Path.Combine(_folder, "index");
        var added = Path.Combine(briefs, "biometrics.md");

        using (var run = RunningCli.Start("index", briefs, "--watch", "--no-embeddings", "--index", indexPath))
        {
            await run.NextLine(line => line.StartsWith("Watching ", StringComparison.Ordinal));

            File.Copy(Path.Combine(CliRunner.FixtureBriefs, "IF11783v7-biometric-technologies-and-global-security.md"), added);
            await run.NextLine(line => line.Contains("indexed") && line.Contains("as 'biometrics'"));

            File.Copy(Path.Combine(CliRunner.FixtureBriefs, "gao-26-107759.md"), added, overwrite: true);
            await run.NextLine(line => line.Contains("indexed") && line.Contains("as 'biometrics'"));

            File.WriteAllText(Path.Combine(briefs, "broken.md"), "---\ntitle: [broken\n---\nBody");
            await run.NextLine(line => line.Contains("failed:") && line.Contains("broken.md: malformed YAML"));

            File.Delete(added);
            await run.NextLine(line => line.Contains("removed 'biometrics'"));

            Assert.Equal(0, await run.InterruptAsync());
            Assert.Contains("Stopped watching.", run.Output);
        }

        using var index = LiveIndex.Open(indexPath);
        using var lease = index.Acquire();
        Assert.Equal(1, lease.Index.Count);
        Assert.Null(lease.Index.Get("biometrics"));
        Assert.Equal(0, new BriefSearcher(lease.Index).Search(new SearchRequest("quantum")).Total);
    }

    [Fact]
    public void On_a_terminal_index_shows_a_progress_bar_and_a_table_of_failures()
    {
        var briefs = Path.Combine(_folder, "mixed");
        Directory.CreateDirectory(briefs);
        File.Copy(Path.Combine(CliRunner.FixtureBriefs, "navigating-ai-sovereignty.md"), Path.Combine(briefs, "seed.md"));
        File.WriteAllText(Path.Combine(briefs, "broken.md"), "---\ntitle: [broken\n---\nBody");
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "searchservice.dll"), "index", briefs, "--no-embeddings", "--index", Path.Combine(_folder, "index") }.Select(a => $"'{a}'"));

        // script(1) runs the command on a pseudo-terminal, as a person at a terminal would see it.
        var start = new ProcessStartInfo("script", ["-q", "-e", "-c", command, "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["TERM"] = "xterm-256color" },
        };
        using var process = Process.Start(start)!;
        var screen = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("\u001b[", screen); // drawn with ANSI control sequences: a live display, not plain lines
        screen = AnsiSequence().Replace(screen, "");
        Assert.Contains("100%", screen);
        Assert.Contains("files/s", screen);
        Assert.Contains("2/2", screen);
        Assert.Contains("Reason", screen);
        Assert.Contains("broken.md", screen);
        Assert.Contains("malformed YAML", screen);
        Assert.DoesNotContain("failed: ", screen);
    }

    [Fact]
    public void Json_output_has_no_progress_display_and_parses()
    {
        var run = CliRunner.Invoke("index", CliRunner.FixtureBriefs, "--no-embeddings", "--index", Path.Combine(_folder, "index"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.False(run.Output.Contains('\u001b'), run.Output + run.Error);
        Assert.Equal(5, JsonNode.Parse(run.Output)!["indexed"]!.AsArray().Count);
    }

    [Fact]
    public void Reindex_swaps_in_a_new_generation_from_the_kept_originals_or_a_folder()
    {
        var indexPath = Path.Combine(_folder, "index");
        Assert.Equal(0, CliRunner.Invoke("index", CliRunner.FixtureBriefs, "--no-embeddings", "--index", indexPath).ExitCode);

        var rebuilt = CliRunner.Invoke("reindex", "--no-embeddings", "--index", indexPath);
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Contains("Generation 2 is now current, rebuilt from the kept originals.", rebuilt.Output);
        Assert.Contains("Indexed 5 briefs", rebuilt.Output);

        var only = Path.Combine(_folder, "only");
        Directory.CreateDirectory(only);
        File.Copy(Path.Combine(CliRunner.FixtureBriefs, "gao-26-107759.md"), Path.Combine(only, "gao-26-107759.md"));
        var fromFolder = CliRunner.Invoke("reindex", "--no-embeddings", "--index", indexPath, "--from", only, "--json");
        Assert.Equal(0, fromFolder.ExitCode);
        Assert.Equal(3, (int)JsonNode.Parse(fromFolder.Output)!["generation"]!);

        var search = CliRunner.Invoke("search", "quantum", "--json", "--no-embeddings", "--index", indexPath);
        Assert.Equal(1, (int)JsonNode.Parse(search.Output)!["total"]!);
        Assert.Equal(["3"], Directory.GetDirectories(Path.Combine(indexPath, "generations")).Select(Path.GetFileName));
    }

    [Fact]
    public void Reindex_of_a_missing_index_fails_with_a_message()
    {
        var run = CliRunner.Invoke("reindex", "--index", Path.Combine(_folder, "nowhere"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("No index at", run.Error);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\u001b\[[0-9;?]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiSequence();

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
