using System.Text;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

public sealed class FrontMatterEdgeCaseTests
{
    [Fact]
    public void Slug_wins_over_file_name_and_permalink_gives_the_last_segment()
    {
        Assert.Equal("my-brief", BriefExtractor.ExtractMarkdown("---\ntitle: T\nslug: My Brief\n---\nSome text here.", "x.md").Id);
        Assert.Equal("water-2024", BriefExtractor.ExtractMarkdown("---\ntitle: T\npermalink: /briefs/water-2024/\n---\nSome text here.", "x.md").Id);
        Assert.Equal("file-name", BriefExtractor.ExtractMarkdown("---\ntitle: T\n---\nSome text here.", "File Name.md").Id);
    }

    [Theory]
    [InlineData("date: 2024-03-01", 2024, 3, 1)]
    [InlineData("date: 2024-03-01T10:00:00Z", 2024, 3, 1)]
    [InlineData("published: March 1, 2024", 2024, 3, 1)]
    [InlineData("report_date: 03/01/2024", 2024, 3, 1)]
    public void Dates_in_common_formats(string line, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), BriefExtractor.ExtractMarkdown($"---\ntitle: T\n{line}\n---\nBody text.", "d.md").Date);

    [Fact]
    public void Unparseable_date_is_left_empty_not_fatal() =>
        Assert.Null(BriefExtractor.ExtractMarkdown("---\ntitle: T\ndate: sometime soon\n---\nBody text.", "d.md").Date);

    [Fact]
    public void Tags_and_authors_in_several_shapes()
    {
        var brief = BriefExtractor.ExtractMarkdown("""
            ---
            title: Shapes
            tags: energy, water ,  Energy
            author: Ada Lovelace
            ---
            Body text.
            """, "s.md");
        Assert.Equal(["energy", "water"], brief.Tags);
        Assert.Equal("Ada Lovelace", Assert.Single(brief.Authors).Name);

        var listed = BriefExtractor.ExtractMarkdown("---\ntitle: T\ntags: [a, b]\nauthors: [X Y, {name: Z W, role: Editor}]\n---\nBody.", "l.md");
        Assert.Equal(["a", "b"], listed.Tags);
        Assert.Equal(["X Y", "Z W"], listed.Authors.Select(a => a.Name));
        Assert.Equal("Editor", listed.Authors[1].Role);
    }

    [Fact]
    public void No_front_matter_takes_title_from_the_first_heading()
    {
        var brief = BriefExtractor.ExtractMarkdown("# A Plain Page\n\nJust some text about rivers and their floods.", "plain.md");
        Assert.Equal("A Plain Page", brief.Title);
        Assert.Null(brief.Date);
        Assert.Empty(brief.Tags);
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_the_line()
    {
        var error = Assert.Throws<BriefExtractionException>(() =>
            BriefExtractor.ExtractMarkdown("---\ntitle: ok\ntags: [unclosed\nauthor: x\n---\nBody", "broken.md"));
        Assert.Equal("broken.md", error.File);
        Assert.Matches(@"malformed YAML front matter (at|near) line \d+", error.Message);
    }

    [Fact]
    public void Front_matter_without_closing_fence_is_reported()
    {
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.ExtractMarkdown("---\ntitle: never closed\n\nBody text", "open.md"));
        Assert.Contains("no closing '---'", error.Reason);
    }

    [Fact]
    public void Front_matter_that_is_not_a_mapping_is_reported()
    {
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.ExtractMarkdown("---\n- just\n- a list\n---\nBody", "list.md"));
        Assert.Contains("not a YAML mapping", error.Reason);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_the_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("# Title\n\nGood text then ").Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(bytes, "latin1.md"));
        Assert.Contains("not valid UTF-8", error.Reason);
    }

    [Fact]
    public void Empty_and_whitespace_files_have_no_text()
    {
        Assert.Contains("no text", Assert.Throws<BriefExtractionException>(() => BriefExtractor.ExtractMarkdown("", "empty.md")).Reason);
        Assert.Contains("no text", Assert.Throws<BriefExtractionException>(() => BriefExtractor.ExtractMarkdown("---\ntitle: Only a title\n---\n   \n", "blank.md")).Reason);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00];
        Assert.Contains("binary", Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(zip, "archive.md")).Reason);
    }

    [Fact]
    public void A_file_given_by_name_is_read_by_its_content_whatever_its_extension()
    {
        using var folder = new TempFolder();
        var text = folder.File("slides.pptx", "Rivers\n\nFloods are rising along the lower river.");
        var zip = folder.File("real-slides.pptx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);

        Assert.Equal("text", BriefExtractor.Extract(text).Format);
        var error = Assert.Throws<BriefExtractionException>(() => BriefExtractor.Extract(zip));
        Assert.Equal("real-slides.pptx", error.File);
        Assert.Contains("ZIP archive", error.Reason);
    }

    [Fact]
    public void Yaml_alias_bomb_does_not_expand()
    {
        var bomb = new StringBuilder("---\ntitle: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 9; i++) bomb.Append($"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)},*{(char)('a' + i)}]\n");
        bomb.Append("tags: *j\n---\nBody text of the bomb.");
        var brief = BriefExtractor.ExtractMarkdown(bomb.ToString(), "bomb.md");
        Assert.Equal("Bomb", brief.Title);
        Assert.Empty(brief.Tags); // the aliased nested lists are not strings; nothing was expanded
    }
}
