using SearchService.Core.Briefs;
using SearchService.Core.Passages;

namespace SearchService.Core.Tests.Indexing;

public sealed class BoilerplateShareTests
{
    private const string Notice = "This is a work of the U.S. government and is not subject to copyright protection in the United States.";
    private const string Quoted = "The committee found that rural broadband grants reached fewer households than the program had planned.";

    private static Brief Brief(int i, params string[] paragraphs) => new()
    {
        Id = $"b{i}",
        Title = $"Brief {i}",
        Publisher = "Agency",
        Sections = [new Section("Body", string.Join("\n\n", paragraphs.Append($"Brief {i} examines its own subject number {i} with care and detail.")), SectionRole.Other, "body")],
    };

    [Fact]
    public void In_a_large_archive_a_paragraph_a_few_briefs_quote_is_content_while_a_notice_in_all_is_boilerplate()
    {
        var learned = new PublisherBoilerplate();
        for (var i = 0; i < 400; i++) learned.Observe(i < 3 ? Brief(i, Notice, Quoted) : Brief(i, Notice));

        Assert.True(learned.IsBoilerplate("Agency", Notice));
        Assert.False(learned.IsBoilerplate("Agency", Quoted)); // 3 of 400 briefs: a quotation, not furniture
    }

    [Fact]
    public void In_a_small_archive_three_briefs_are_enough()
    {
        var learned = new PublisherBoilerplate();
        for (var i = 0; i < 10; i++) learned.Observe(i < 3 ? Brief(i, Notice, Quoted) : Brief(i));

        Assert.True(learned.IsBoilerplate("Agency", Quoted));
        Assert.True(learned.IsBoilerplateSentence("Agency", Quoted));
    }
}
