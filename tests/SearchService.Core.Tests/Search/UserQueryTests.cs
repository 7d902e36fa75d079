using SearchService.Core.Queries;

namespace SearchService.Core.Tests.Search;

public sealed class UserQueryTests
{
    [Fact]
    public void Words_phrases_exclusions_and_or()
    {
        var query = UserQuery.Parse("quantum \"national strategy\" -workforce OR labor -\"data centre\"");

        // "OR" after an excluded word has nothing positive to join: "labor" stands alone.
        Assert.Equal(3, query.Groups.Count);
        Assert.Equal(new QueryPart("quantum", false), Assert.Single(query.Groups[0]));
        Assert.Equal(new QueryPart("national strategy", true), Assert.Single(query.Groups[1]));
        Assert.Equal([new QueryPart("workforce", false), new QueryPart("data centre", true)], query.Excluded);
    }

    [Fact]
    public void Or_joins_alternatives_into_one_group()
    {
        var query = UserQuery.Parse("biometric OR quantum OR \"space force\" budget");
        Assert.Equal(2, query.Groups.Count);
        Assert.Equal(3, query.Groups[0].Count);
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("-")]
    [InlineData("OR")]
    [InlineData("AND OR NOT")]
    [InlineData("title:(a OR b)^3 ~2 * ? [x TO y] {}")]
    [InlineData("\"\"")]
    [InlineData("- - - -")]
    public void Odd_input_never_throws(string input)
    {
        var query = UserQuery.Parse(input);
        Assert.NotNull(query);
    }
}
