using SearchService.Core.Suggest;
using SearchService.Core.Tests.Indexing;
using SearchService.Core.Indexing.Suggestions;

namespace SearchService.Core.Tests.Suggest;

[Collection(SampleIndexCollection.Name)]
public sealed class SuggestTests(SampleIndex sample)
{
    private readonly BriefSuggester _suggester = new(sample.Index);

    [Theory]
    [InlineData("ai sove")]
    [InlineData("AI Sove")]
    [InlineData("ai sovereignt")]
    [InlineData("sove")]
    public void The_word_being_typed_completes_a_frequent_phrase(string typed)
    {
        var suggestions = _suggester.Suggest(typed);

        Assert.Equal(new Suggestion("AI sovereignty", SuggestionKinds.Phrase), suggestions[0]);
        Assert.Contains(new Suggestion("Navigating AI Sovereignty: Strategic Choices for the UK", SuggestionKinds.Title), suggestions);
    }

    [Fact]
    public void Titles_tags_and_authors_are_suggested_with_their_kind()
    {
        Assert.Contains(new Suggestion("Quantum Computing: Updating the National Strategy Could Promote U.S. Leadership", SuggestionKinds.Title), _suggester.Suggest("quantum comp"));
        Assert.Equal(new Suggestion("Defense & Intelligence", SuggestionKinds.Tag), _suggester.Suggest("defense & intel")[0]);
        Assert.Equal(new Suggestion("Jessica Montgomery", SuggestionKinds.Author), _suggester.Suggest("montg")[0]);
        Assert.Equal(new Suggestion("Jessica Montgomery", SuggestionKinds.Author), _suggester.Suggest("jessica m")[0]);
    }

    [Fact]
    public void Suggestions_that_begin_with_what_was_typed_come_first()
    {
        var suggestions = _suggester.Suggest("quantum");

        Assert.NotEmpty(suggestions);
        var startsWith = suggestions.Select(s => s.Text.StartsWith("quantum", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(startsWith[0]);
        Assert.Equal(startsWith.OrderByDescending(b => b), startsWith);
        Assert.All(suggestions, s => Assert.Contains("quantum", s.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Finished_words_must_be_whole_words()
    {
        Assert.NotEmpty(_suggester.Suggest("sove"));
        Assert.Empty(_suggester.Suggest("sove "));   // "sove" is finished, and no suggestion has that word
        Assert.NotEmpty(_suggester.Suggest("sovereignty "));
    }

    [Fact]
    public void Each_suggestion_is_offered_once_and_size_limits_how_many()
    {
        var suggestions = _suggester.Suggest("s", 20);

        Assert.InRange(suggestions.Count, 2, 20);
        Assert.Equal(suggestions.Count, suggestions.Select(s => s.Text.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(suggestions.Take(3), _suggester.Suggest("s", 3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!-*")]
    [InlineData("zzzzqqq")]
    [InlineData("\"unbalanced")]
    [InlineData("title:quantum^10 AND (")]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z")]
    public void Odd_input_gets_suggestions_or_none_never_an_error(string typed)
    {
        var suggestions = _suggester.Suggest(typed);
        Assert.All(suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
    }

    [Fact]
    public void Arguments_out_of_bounds_are_refused_with_a_reason()
    {
        Assert.Contains("size must be between 1 and 20", BriefSuggester.Validate("x", 0));
        Assert.Contains("size must be between 1 and 20", BriefSuggester.Validate("x", 21));
        Assert.Contains("up to 200 characters", BriefSuggester.Validate(new string('a', 201), 5));
        Assert.Null(BriefSuggester.Validate(null, 5));
        Assert.Throws<ArgumentException>(() => _suggester.Suggest("x", 0));
    }
}
