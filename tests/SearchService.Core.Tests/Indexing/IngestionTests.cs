using System.Text;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Passages;

namespace SearchService.Core.Tests.Indexing;

public sealed class IngestionTests
{
    [Fact]
    public void Hostile_files_are_reported_by_name_and_every_good_file_is_still_indexed()
    {
        using var folder = new TempFolder();
        File.Copy(Fixtures.Brief(Fixtures.Seed), Path.Combine(folder.Path, "good-seed.md"));
        File.Copy(Fixtures.Brief(Fixtures.CrsBiometrics), Path.Combine(folder.Path, "good-crs.md"));
        folder.File("bad-yaml.md", "---\ntitle: [oops\n---\nBody");
        folder.File("bad-utf8.md", [0x23, 0x20, 0x54, 0xFF, 0xFE, 0x0A]);
        folder.File("empty.md", "");
        folder.File("zip-renamed.md", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x00]);
        folder.File("unclosed.md", "---\ntitle: x\nno end");
        folder.File("nested.md", "# Deep\n\n" + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- level " + i + "\n")));
        folder.File("notes.pdf.bak", "ignored: not a brief type");

        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        var report = BriefIngestor.Ingest(index, [folder.Path]);

        Assert.Equal(["good-crs", "good-seed"], report.Indexed.Select(f => f.Id).Order());
        var failed = report.Failed.ToDictionary(f => Path.GetFileName(f.File), f => f.Reason);
        Assert.Contains("malformed YAML", failed["bad-yaml.md"]);
        Assert.Contains("UTF-8", failed["bad-utf8.md"]);
        Assert.Contains("no text", failed["empty.md"]);
        Assert.Contains("binary", failed["zip-renamed.md"]);
        Assert.Contains("no closing", failed["unclosed.md"]);
        Assert.Contains("too deeply nested", failed["nested.md"]);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_pdf_with_the_id_of_a_markdown_brief_beside_it_is_skipped_not_failed()
    {
        using var folder = new TempFolder();
        folder.File("if12155.md", "---\ntitle: \"Farm Bill Primer: Trade and Export Promotion Programs\"\n---\nExport promotion programs are authorized under a single umbrella program.");
        File.Copy(Fixtures.Format(Fixtures.CrsPdf), Path.Combine(folder.Path, "IF12155.pdf"));
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));

        var report = BriefIngestor.Ingest(index, [folder.Path]);

        Assert.Equal([], report.Failed.Select(f => $"{Path.GetFileName(f.File)}: {f.Reason}"));
        Assert.Equal("if12155", Assert.Single(report.Indexed).Id);
        Assert.Equal("the brief 'if12155' (if12155.md) has the same id and is indexed instead", Assert.Single(report.Skipped).Reason);
        Assert.Equal("markdown", index.Get("if12155")!.Format);
    }

    [Fact]
    public void A_pdf_alone_is_indexed_and_searchable()
    {
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));

        var report = BriefIngestor.Ingest(index, [Fixtures.Format(Fixtures.CrsPairedPdf)]);

        Assert.Equal("if12024.6", Assert.Single(report.Indexed).Id);
        var hits = new BriefSearcher(index).Search(new SearchRequest("conservation reserve program"));
        Assert.Equal("if12024.6", hits.Hits[0].Id);
    }

    [Fact]
    public void Missing_paths_and_duplicate_ids_are_failures_with_reasons()
    {
        using var folder = new TempFolder();
        folder.File("a.md", "---\ntitle: A\nslug: same\n---\nFirst body.");
        folder.File("b.md", "---\ntitle: B\nslug: same\n---\nSecond body.");
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));

        var report = BriefIngestor.Ingest(index, [folder.Path, Path.Combine(folder.Path, "missing")]);

        Assert.Single(report.Indexed);
        Assert.Contains(report.Failed, f => f.Reason.Contains("already used by"));
        Assert.Contains(report.Failed, f => f.Reason == "no such file or folder");
    }

    [Fact]
    public void Reindexing_unchanged_files_skips_them_and_changed_files_replace_their_passages()
    {
        using var folder = new TempFolder();
        var path = folder.File("brief.md", "---\ntitle: Rivers\n---\n## Key Findings\n\n- Floods grow more frequent along the lower river.\n");
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));

        Assert.Single(BriefIngestor.Ingest(index, [path]).Indexed);
        Assert.Single(BriefIngestor.Ingest(index, [path]).Unchanged);

        File.WriteAllText(path, "---\ntitle: Rivers\n---\n## Key Findings\n\n- Droughts now follow floods within a year.\n");
        Assert.Single(BriefIngestor.Ingest(index, [path]).Indexed);

        var brief = index.Get("brief")!;
        Assert.Equal("Droughts now follow floods within a year.", Assert.Single(brief.Findings).Text);
        var searcher = new BriefSearcher(index);
        Assert.Equal(0, searcher.Search(new SearchRequest("frequent")).Total);
    }

    [Fact]
    public void The_index_survives_a_restart()
    {
        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        using (var index = BriefIndex.Open(indexPath)) BriefIngestor.Ingest(index, [Fixtures.Brief(Fixtures.Seed)]);

        Assert.True(BriefIndex.Exists(indexPath));
        using var reopened = BriefIndex.Open(indexPath);
        Assert.Equal(1, reopened.Count);
        Assert.Equal(10, reopened.Get("navigating-ai-sovereignty")!.Recommendations.Count);
    }

    [Fact]
    public void Delete_removes_the_brief_and_its_passages()
    {
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        BriefIngestor.Ingest(index, [Fixtures.Brief(Fixtures.Seed)]);

        Assert.True(index.Delete("navigating-ai-sovereignty"));
        index.Commit();

        Assert.Null(index.Get("navigating-ai-sovereignty"));
        Assert.False(index.Delete("navigating-ai-sovereignty"));
        Assert.Equal(0, new BriefSearcher(index).Search(new SearchRequest("sovereignty")).Total);
    }

    [Fact]
    public void Passages_cover_summary_findings_recommendations_and_body_chunks()
    {
        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoWithNumberedRecommendations));
        var passages = PassageBuilder.Build(brief);

        Assert.Single(passages, p => p.Kind == PassageKind.Summary);
        Assert.DoesNotContain(PassageBuilder.Build(brief with { Summary = null }), p => p.Kind == PassageKind.Summary);
        Assert.Equal(brief.Findings.Count, passages.Count(p => p.Kind == PassageKind.Finding));
        Assert.Equal(brief.Recommendations.Count, passages.Count(p => p.Kind == PassageKind.Recommendation));
        var chunks = passages.Where(p => p.Kind == PassageKind.Paragraph).ToList();
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.InRange(c.Text.Split(' ').Length, 1, PassageBuilder.MaxChunkWords + 60));
        Assert.Equal(passages.Count, passages.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Ingest_keeps_each_files_bytes_as_the_briefs_original()
    {
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));

        BriefIngestor.Ingest(index, [Fixtures.Brief(Fixtures.Seed)]);

        var original = index.Original("navigating-ai-sovereignty");
        Assert.NotNull(original);
        Assert.Equal(Fixtures.Seed, original.FileName);
        Assert.Equal(File.ReadAllBytes(Fixtures.Brief(Fixtures.Seed)), original.Bytes);
        // The original is a document of its own: it is not a brief, and searches never return it.
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Ingest_commits_every_n_files_so_an_interrupted_run_keeps_its_work()
    {
        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        using var index = BriefIndex.Open(indexPath);
        using var cancel = new CancellationTokenSource();

        // Cancelled while the fourth file is processed: the commit after the second file must be on disk.
        Assert.ThrowsAny<OperationCanceledException>(() => BriefIngestor.Ingest(index, [Fixtures.BriefsFolder],
            (_, n, _) => { if (n == 4) cancel.Cancel(); }, commitEvery: 2, cancellationToken: cancel.Token));

        using var directory = Lucene.Net.Store.FSDirectory.Open(indexPath);
        using var committed = Lucene.Net.Index.DirectoryReader.Open(directory);
        var briefs = committed.DocFreq(new Lucene.Net.Index.Term(IndexFields.DocType, IndexFields.BriefDoc));
        Assert.Equal(2, briefs);
    }
}
