using System.Text;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>What a file holds decides how it is read; its name only helps when the content cannot tell.</summary>
public sealed class FormatDetectionTests
{
    [Fact]
    public void A_pdf_is_read_as_pdf_whatever_its_name()
    {
        var bytes = File.ReadAllBytes(Fixtures.Format(Fixtures.CrsPdf));

        Assert.Equal("pdf", BriefExtractor.Extract(bytes, "IF12155.download").Format);
        Assert.Equal("pdf", BriefExtractor.Extract(bytes, "IF12155.md").Format);
    }

    [Theory]
    [InlineData("page.html")]
    [InlineData("page.md")]
    [InlineData("page")]
    public void A_web_page_is_read_as_html_whatever_its_name(string name)
    {
        var html = "<!DOCTYPE html><html><head><title>Water | Site</title></head><body><main><h1>Water policy</h1><p>Rivers flood more often now, and towns along them need new defences.</p></main></body></html>";

        var brief = BriefExtractor.Extract(Encoding.UTF8.GetBytes(html), name);

        Assert.Equal("html", brief.Format);
        Assert.Equal("Water policy", brief.Title);
    }

    [Fact]
    public void Text_with_front_matter_or_markdown_is_markdown_and_other_text_is_text()
    {
        Assert.Equal("markdown", BriefExtractor.Extract(Encoding.UTF8.GetBytes("---\ntitle: Seed\n---\n## Key Findings\n\n- Floods are rising along the river.\n"), "seed.txt").Format);
        Assert.Equal("markdown", BriefExtractor.Extract(Encoding.UTF8.GetBytes("## Key Findings\n\n- Floods are rising along the river.\n"), "notes.txt").Format);
        Assert.Equal("markdown", BriefExtractor.Extract(Encoding.UTF8.GetBytes("Plain words in a file named .md are Markdown."), "notes.md").Format);
        Assert.Equal("text", BriefExtractor.Extract(Encoding.UTF8.GetBytes("Rivers\n\nFloods are rising along the river, and towns need defences."), "notes.txt").Format);
        Assert.Equal("text", BriefExtractor.Extract(Encoding.UTF8.GetBytes("Floods are rising along the river, and towns need defences."), "NOTES").Format);
    }

    [Fact]
    public void Utf16_text_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("# Rivers\n\nFloods are rising along the lower river.")).ToArray();

        var brief = BriefExtractor.Extract(bytes, "utf16.md");

        Assert.Equal("Rivers", brief.Title);
        Assert.Contains("Floods are rising", brief.Body);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "report.md", "ZIP archive")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "slides.pptx", "ZIP archive")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 }, "brief.md", "gzip")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "chart.html", "PNG image")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "photo.txt", "JPEG image")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "old.doc", "old Microsoft Office document")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 }, "tool", "executable")]
    [InlineData(new byte[] { 0x41, 0x42, 0x00, 0x43 }, "data.md", "binary")]
    public void Binary_files_are_refused_saying_what_they_are(byte[] bytes, string name, string what)
    {
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(bytes, name));

        Assert.Equal(name, error.File);
        Assert.Contains(what, error.Reason);
    }

    [Fact]
    public void A_web_page_saved_under_a_pdf_name_is_refused_as_a_failed_download()
    {
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(Fixtures.Format(Fixtures.HtmlSavedAsPdf)));

        Assert.Equal("is named .pdf but holds an HTML page titled 'Page Not Found | GovInfo', not a PDF (a failed download?); fetch the PDF again, or give the file the extension of what it holds", error.Reason);
    }

    [Fact]
    public void A_folder_scan_picks_every_brief_extension_and_nothing_else()
    {
        Assert.All(["a.md", "b.markdown", "c.txt", "d.pdf", "e.html", "f.htm", "G.PDF"], name => Assert.True(BriefExtractor.IsSupported(name), name));
        Assert.All(["a.docx", "b.png", "c.json", "notes.pdf.bak", "README"], name => Assert.False(BriefExtractor.IsSupported(name), name));
    }
}
