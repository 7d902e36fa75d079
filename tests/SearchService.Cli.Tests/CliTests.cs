using System.Text.Json.Nodes;

namespace SearchService.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-cli-").FullName;
    private string IndexPath => Path.Combine(_folder, "index");

    [Fact]
    public void Extract_prints_the_brief_as_json_in_the_api_shape()
    {
        var run = CliRunner.Invoke("extract", Path.Combine(CliRunner.FixtureBriefs, "navigating-ai-sovereignty.md"), "--json");

        Assert.Equal(0, run.ExitCode);
        var brief = JsonNode.Parse(run.Output)!;
        Assert.Equal("navigating-ai-sovereignty", (string?)brief["id"]);
        Assert.Equal("2025-11-18", (string?)brief["date"]);
        Assert.Equal(4, brief["findings"]!.AsArray().Count);
        Assert.Equal(10, brief["recommendations"]!.AsArray().Count);
        Assert.Equal("Key Findings", (string?)brief["findings"]![0]!["section"]);
    }

    [Fact]
    public void Extract_of_a_bad_file_fails_with_the_reason_on_stderr()
    {
        var bad = Path.Combine(_folder, "bad.md");
        File.WriteAllText(bad, "---\ntitle: [broken\n---\nBody");

        var run = CliRunner.Invoke("extract", bad, "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("bad.md: malformed YAML front matter", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void An_index_embedded_by_another_encoder_is_searched_by_keywords_and_not_written_with_mixed_vectors()
    {
        var briefs = Path.Combine(_folder, "briefs");
        Directory.CreateDirectory(briefs);
        File.Copy(Path.Combine(CliRunner.FixtureBriefs, "navigating-ai-sovereignty.md"), Path.Combine(briefs, "navigating-ai-sovereignty.md"));
        Assert.Equal(0, CliRunner.Invoke("index", briefs, "--encoder", "minilm", "--index", IndexPath).ExitCode);

        var search = CliRunner.Invoke("search", "AI sovereignty", "--json", "--index", IndexPath);
        Assert.Equal(0, search.ExitCode);
        Assert.Contains("embedded by sentence-transformers/all-MiniLM-L6-v2", search.Error);
        Assert.Equal("navigating-ai-sovereignty", (string?)JsonNode.Parse(search.Output)!["hits"]![0]!["id"]);

        var mixed = CliRunner.Invoke("index", briefs, "--index", IndexPath);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("searchservice reindex --encoder minilm+arctic", mixed.Error);
    }

    [Fact]
    public void A_command_on_an_index_another_process_holds_fails_saying_so_and_writes_nothing()
    {
        using var held = SearchService.Core.Indexing.LiveIndex.Open(IndexPath);

        var run = CliRunner.Invoke("index", CliRunner.FixtureBriefs, "--no-embeddings", "--index", IndexPath);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("in use by another process", run.Error);
        using var lease = held.Acquire();
        Assert.Equal(0, lease.Index.Count);
    }

    [Fact]
    public void Index_then_search_and_related_work_on_the_same_index()
    {
        var bad = Path.Combine(_folder, "broken.md");
        File.WriteAllText(bad, "---\ntitle: [broken\n---\nBody");

        var index = CliRunner.Invoke("index", CliRunner.FixtureBriefs, bad, "--index", IndexPath);
        Assert.Equal(0, index.ExitCode);
        Assert.Contains("Indexed 5 briefs", index.Output);
        Assert.Contains("1 failed", index.Output);
        Assert.Contains("broken.md: malformed YAML front matter", index.Output);

        var search = CliRunner.Invoke("search", "quantum workforce", "--k", "3", "--json", "--index", IndexPath);
        Assert.Equal(0, search.ExitCode);
        var results = JsonNode.Parse(search.Output)!;
        Assert.Equal("gao-26-107759", (string?)results["hits"]![0]!["id"]);

        var related = CliRunner.Invoke("related", "navigating-ai-sovereignty", "--k", "2", "--index", IndexPath);
        Assert.Equal(0, related.ExitCode);
        Assert.Matches("shared (phrases|terms):", related.Output);

        var text = CliRunner.Invoke("search", "managed dependence", "--index", IndexPath);
        Assert.Contains("[managed] [dependence]", text.Output);
    }

    [Fact]
    public void Related_json_with_the_shipped_model_gives_reasons_and_never_the_brief_itself()
    {
        CliRunner.Invoke("index", CliRunner.FixtureBriefs, "--index", IndexPath);

        var run = CliRunner.Invoke("related", "gao-26-107551", "--k", "3", "--json", "--index", IndexPath);

        Assert.Equal(0, run.ExitCode);
        var related = JsonNode.Parse(run.Output)!["related"]!.AsArray();
        Assert.NotEmpty(related);
        Assert.DoesNotContain(related, r => (string?)r!["id"] == "gao-26-107551");
        Assert.All(related, r => Assert.NotEmpty(r!["reasons"]!.AsArray()));
    }

    [Fact]
    public void Train_related_keeps_stdout_clean_json_while_LDA_trains()
    {
        var dataset = Path.Combine(AppContext.BaseDirectory, "fixtures", "gao-related-mini");
        var model = Path.Combine(_folder, "model");

        var run = CliRunner.Invoke("train-related", dataset, "--split", "date", "--out", model, "--topics", "8", "--ship-ranker", "always", "--cache", Path.Combine(_folder, "cache"), "--json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonNode.Parse(run.Output)!;
        Assert.Equal(6, (int?)report["sources"]);
        Assert.Equal(0, (int?)report["errors"]);
        Assert.StartsWith("documents by date: 30 older", (string?)report["split"]);
        Assert.Equal(["gao-related-mini[older]", "gao-related-mini[newer]"], report["directions"]!.AsArray().Select(d => (string?)d!["train"]));
        Assert.Equal(5, report["mean"]!.AsArray().Count); // MoreLikeThis, vectors, fixed, learned, served (fused)
        Assert.Equal("learned ranker + fixed weighting (fused)", (string?)report["served"]);
        Assert.True(File.Exists(Path.Combine(model, "ranker.zip")));
        Assert.True(File.Exists(Path.Combine(model, "related-model.json")));
        Assert.DoesNotContain("loglikelihood", run.Output);
    }

    [Fact]
    public void Search_takes_the_api_filters_and_sort_and_suggest_completes_typing()
    {
        Assert.Equal(0, CliRunner.Invoke("index", CliRunner.FixtureBriefs, "--index", IndexPath).ExitCode);

        var search = CliRunner.Invoke("search", "government", "--type", "Report", "--type", "In Focus", "--from", "2026-03-10", "--sort", "date", "--json", "--index", IndexPath);
        Assert.Equal(0, search.ExitCode);
        var results = JsonNode.Parse(search.Output)!.AsObject();
        Assert.Equal(["total", "tookMs", "hits", "facets", "didYouMean"], results.Select(p => p.Key));
        Assert.Equal(["if11783v7-biometric-technologies-and-global-security", "gao-26-107759", "gao-26-107815"],
            results["hits"]!.AsArray().Select(h => (string?)h!["id"]));
        Assert.Equal(["tags", "authors", "year", "type", "publisher"], results["facets"]!.AsObject().Select(p => p.Key));

        var corrected = CliRunner.Invoke("search", "soverignty", "--index", IndexPath);
        Assert.Contains("Did you mean: sovereignty", corrected.Output);
        Assert.Contains("type: Policy Brief (1)", corrected.Output);

        var bad = CliRunner.Invoke("search", "x", "--sort", "popular", "--index", IndexPath);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("sort must be relevance or date", bad.Error);

        var suggest = CliRunner.Invoke("suggest", "ai sove", "--json", "--index", IndexPath);
        Assert.Equal(0, suggest.ExitCode);
        var first = JsonNode.Parse(suggest.Output)!["suggestions"]![0]!;
        Assert.Equal("AI sovereignty", (string?)first["text"]);
        Assert.Equal("phrase", (string?)first["kind"]);

        // The synonyms the service keeps beside the index (PUT /api/admin/synonyms writes this file) apply here too.
        long Total(string query) => (long)JsonNode.Parse(CliRunner.Invoke("search", query, "--mode", "keyword", "--json", "--index", IndexPath).Output)!["total"]!;
        Assert.Equal(0, Total("FRT"));
        File.WriteAllText(Path.Combine(IndexPath, "synonyms.json"), """{ "groups": [["FRT", "facial recognition"]], "rules": [] }""");
        Assert.Equal(1, Total("FRT"));
    }

    [Fact]
    public void Commands_on_a_missing_index_or_brief_fail_with_a_message()
    {
        var search = CliRunner.Invoke("search", "anything", "--index", Path.Combine(_folder, "nowhere"));
        Assert.NotEqual(0, search.ExitCode);
        Assert.Contains("No index at", search.Error);

        CliRunner.Invoke("index", Path.Combine(CliRunner.FixtureBriefs, "navigating-ai-sovereignty.md"), "--index", IndexPath);
        var related = CliRunner.Invoke("related", "no-such-brief", "--index", IndexPath);
        Assert.NotEqual(0, related.ExitCode);
        Assert.Contains("No brief has the id 'no-such-brief'", related.Error);
    }

    [Fact]
    public void Index_of_a_markdown_brief_and_its_pdf_indexes_the_brief_once_and_reports_the_pdf_as_skipped()
    {
        var formats = Path.Combine(AppContext.BaseDirectory, "fixtures", "formats");
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "pair")).FullName;
        foreach (var name in new[] { "IF12024v6-farm-bill-primer-conservation-title.md", "IF12024.6.pdf", "IF12155.pdf" })
            File.Copy(Path.Combine(formats, name), Path.Combine(folder, name));

        var run = CliRunner.Invoke("index", folder, "--index", IndexPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Indexed 2 briefs", run.Output);
        Assert.Contains("1 skipped, 0 failed", run.Output);
        Assert.Contains("IF12024.6.pdf: the Markdown brief 'if12024v6-farm-bill-primer-conservation-title'", run.Output);

        var extract = CliRunner.Invoke("extract", Path.Combine(folder, "IF12155.pdf"), "--json");
        Assert.Equal(0, extract.ExitCode);
        var brief = JsonNode.Parse(extract.Output)!;
        Assert.Equal("pdf", (string?)brief["format"]);
        Assert.Equal("Farm Bill Primer: Trade and Export Promotion Programs", (string?)brief["title"]);
    }

    [Fact]
    public void Index_of_only_missing_paths_fails()
    {
        var run = CliRunner.Invoke("index", Path.Combine(_folder, "missing-folder"), "--index", IndexPath);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no such file or folder", run.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
