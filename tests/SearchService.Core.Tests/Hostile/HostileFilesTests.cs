using System.IO.Compression;
using System.Text;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using UglyToad.PdfPig;

namespace SearchService.Core.Tests.Hostile;

/// <summary>
/// A folder of hostile files next to good ones, all made here at test time: each hostile file is
/// refused or safely cut down with a reason a person can act on, and every good file is indexed.
/// </summary>
public sealed class HostileFilesTests
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    [Fact]
    public void Every_hostile_file_gets_a_clear_outcome_and_every_good_file_is_indexed()
    {
        using var folder = new TempFolder();
        // Good: Markdown, a PDF, a web page, plain text; and a Markdown brief with its own PDF beside it.
        File.Copy(Fixtures.Brief(Fixtures.Seed), Path.Combine(folder.Path, Fixtures.Seed));
        File.Copy(Fixtures.Format(Fixtures.CrsPdf), Path.Combine(folder.Path, "IF12155.pdf"));
        File.Copy(Fixtures.Format(Fixtures.CrsPairedMarkdown), Path.Combine(folder.Path, Fixtures.CrsPairedMarkdown));
        File.Copy(Fixtures.Format(Fixtures.CrsPairedPdf), Path.Combine(folder.Path, Fixtures.CrsPairedPdf));
        folder.File("wetlands.html", "<!doctype html><title>Wetlands</title><main><h1>Wetlands</h1><p>Restored wetlands hold back flood water for weeks after heavy rain.</p></main>");
        folder.File("notes.txt", "Field notes\n\nThe lower meadows stayed dry through the spring floods this year.");

        // Hostile.
        using (var huge = File.Create(Path.Combine(folder.Path, "huge.md"))) huge.SetLength(HundredMegabytes); // sparse: costs no disk
        var pdf = File.ReadAllBytes(Fixtures.Format(Fixtures.CrsPdf));
        folder.File("truncated.pdf", pdf[..(pdf.Length / 2)]);
        folder.File("encrypted.pdf", EncryptedPdf.Create("Confidential budget figures", userPassword: "secret", ownerPassword: "owner"));
        folder.File("latin1.md", Encoding.Latin1.GetBytes("# Caf\u00e9 policy\n\nPrices in the caf\u00e9 rose by a third."));
        folder.File("archive.md", Zip("brief.md", "# A brief inside a zip"));
        folder.File("alias-bomb.md", AliasBomb());
        folder.File("nested.md", "# Deep\n\n" + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- level " + i + "\n")));
        folder.File("scripts.html", ScriptsPage());
        File.Copy(Fixtures.Format(Fixtures.HtmlSavedAsPdf), Path.Combine(folder.Path, "gao-08-1075t.pdf"));

        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        var report = BriefIngestor.Ingest(index, [folder.Path]);

        Assert.Equal(["alias-bomb", "if12024v6-farm-bill-primer-conservation-title", "if12155", "navigating-ai-sovereignty", "notes", "scripts", "wetlands"],
            report.Indexed.Select(f => f.Id).Order(StringComparer.Ordinal));
        var failed = report.Failed.ToDictionary(f => Path.GetFileName(f.File), f => f.Reason);
        Assert.Equal("file is 100 MB; the limit is 20 MB", failed["huge.md"]);
        Assert.StartsWith("is not a readable PDF, perhaps truncated or damaged", failed["truncated.pdf"]);
        Assert.Equal("is an encrypted PDF (password-protected); publish a copy without a password", failed["encrypted.pdf"]);
        Assert.StartsWith("not valid UTF-8 text (bad byte at offset", failed["latin1.md"]);
        Assert.StartsWith("is a ZIP archive, a binary file, not a brief", failed["archive.md"]);
        Assert.StartsWith("the Markdown in the body is too deeply nested", failed["nested.md"]);
        Assert.StartsWith("is named .pdf but holds an HTML page titled 'Page Not Found | GovInfo'", failed["gao-08-1075t.pdf"]);
        Assert.Equal(7, failed.Count);

        var skipped = Assert.Single(report.Skipped);
        Assert.Equal(Fixtures.CrsPairedPdf, Path.GetFileName(skipped.File));
        Assert.Equal($"the Markdown brief 'if12024v6-farm-bill-primer-conservation-title' ({Fixtures.CrsPairedMarkdown}) links this PDF and is indexed instead", skipped.Reason);

        // Safely cut down: the alias bomb keeps its title and expands nothing; the script page keeps only its words.
        var bomb = index.Get("alias-bomb")!;
        Assert.Equal("Bomb", bomb.Title);
        Assert.Empty(bomb.Tags);
        var scripts = index.Get("scripts")!;
        Assert.Equal("Reservoirs hold sixty days of water at this summer's rate of use.", scripts.Body);
        Assert.Equal(7, index.Count);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_being_read()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "huge.pdf");
        using (var huge = File.Create(path)) huge.SetLength(HundredMegabytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("the limit is 20 MB", error.Reason);
        Assert.True(allocated < 1024 * 1024, $"refusing a 100 MB file allocated {allocated:N0} bytes; it must not be read");
    }

    [Fact]
    public void The_generated_encrypted_pdf_is_real_it_opens_with_its_password()
    {
        var bytes = EncryptedPdf.Create("Confidential budget figures", userPassword: "secret", ownerPassword: "owner");

        using var document = PdfDocument.Open(bytes, new ParsingOptions { Password = "secret" });
        Assert.Contains("Confidential budget figures", document.GetPage(1).Text);
        Assert.Throws<UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException>(() => PdfDocument.Open(bytes).GetPage(1));
    }

    [Fact]
    public void A_page_of_nothing_but_scripts_has_no_text_to_index()
    {
        var html = "<!doctype html><html><head>" + string.Concat(Enumerable.Repeat("<script>var x = '" + new string('a', 1000) + "';</script>", 2000)) + "</head><body><noscript>Enable JavaScript</noscript></body></html>";

        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(Encoding.UTF8.GetBytes(html), "app.html"));

        Assert.Contains("no text to index", error.Reason);
    }

    private static byte[] Zip(string entryName, string content)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry(entryName).Open());
            entry.Write(content);
        }
        return stream.ToArray();
    }

    /// <summary>"Billion laughs" in YAML: ten levels of nine aliases each, a billion strings if expanded.</summary>
    private static string AliasBomb()
    {
        var bomb = new StringBuilder("---\ntitle: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 0; level < 9; level++)
        {
            var previous = (char)('a' + level);
            bomb.Append($"{(char)('b' + level)}: &{(char)('b' + level)} [{string.Join(",", Enumerable.Repeat("*" + previous, 9))}]\n");
        }
        return bomb.Append("tags: *j\n---\nBody text of the bomb.").ToString();
    }

    /// <summary>Megabytes of scripts around one sentence of content.</summary>
    private static string ScriptsPage()
    {
        var page = new StringBuilder("<!doctype html><html><head><title>Reservoirs</title>");
        for (var i = 0; i < 3000; i++) page.Append($"<script>window.tracker{i} = function() {{ return '{new string('x', 1000)}'; }};</script>");
        page.Append("</head><body><main><p>Reservoirs hold sixty days of water at this summer's rate of use.</p>");
        for (var i = 0; i < 3000; i++) page.Append($"<script>document.write('advert {i}');</script><noscript>tracking pixel {i}</noscript>");
        return page.Append("</main></body></html>").ToString();
    }
}
