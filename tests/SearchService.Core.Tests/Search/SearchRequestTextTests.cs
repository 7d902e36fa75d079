using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

public sealed class SearchRequestTextTests
{
    private static SearchRequest Read(SearchRequestText text)
    {
        Assert.True(text.TryCreate(out var request, out var problem), problem);
        return request;
    }

    private static string Problem(SearchRequestText text)
    {
        Assert.False(text.TryCreate(out _, out var problem));
        return problem;
    }

    [Fact]
    public void Defaults_are_keyword_relevance_no_boost_first_page()
    {
        var request = Read(new SearchRequestText { Q = "x" });
        Assert.Equal("keyword", request.Mode);
        Assert.Equal(SearchSort.Relevance, request.Sort);
        Assert.Equal(SearchBoost.None, request.Boost);
        Assert.Equal((1, 10), (request.Page, request.Size));
        Assert.True(request.Filter.IsEmpty);
    }

    [Fact]
    public void Values_are_read_case_insensitively_and_empty_filter_values_select_nothing()
    {
        var request = Read(new SearchRequestText
        {
            Mode = " Keyword ", Sort = "DATE", Boost = "Recent",
            Tags = ["a", "", "  ", "a", "b"], Types = ["Report"], Authors = [], Publishers = null,
        });
        Assert.Equal("keyword", request.Mode);
        Assert.Equal(SearchSort.Date, request.Sort);
        Assert.Equal(SearchBoost.Recent, request.Boost);
        Assert.Equal(["a", "b"], request.Filter.Tags);
        Assert.Equal(["Report"], request.Filter.Types);
        Assert.Empty(request.Filter.Authors);
    }

    [Theory]
    [InlineData("2020-03-05", "2021-07-09", "2020-03-05", "2021-07-09")]
    [InlineData("2020-02", "2024-02", "2020-02-01", "2024-02-29")]
    [InlineData("2020", "2020", "2020-01-01", "2020-12-31")]
    [InlineData("9999-12", "9999", "9999-12-01", "9999-12-31")]
    public void Dates_may_be_days_months_or_years(string from, string to, string expectedFrom, string expectedTo)
    {
        var filter = Read(new SearchRequestText { From = from, To = to }).Filter;
        Assert.Equal(DateOnly.Parse(expectedFrom), filter.From);
        Assert.Equal(DateOnly.Parse(expectedTo), filter.To);
    }

    [Theory]
    [InlineData("2020-13-01")]
    [InlineData("2020-02-30")]
    [InlineData("yesterday")]
    [InlineData("01/02/2020")]
    [InlineData("20200101")]
    [InlineData("0000")]
    [InlineData("-2020")]
    public void Bad_dates_are_refused_saying_which_formats_work(string value)
    {
        Assert.StartsWith("from must be a date as yyyy-MM-dd, yyyy-MM or yyyy", Problem(new SearchRequestText { From = value }));
        Assert.StartsWith("to must be a date", Problem(new SearchRequestText { To = value }));
    }

    [Fact]
    public void Other_bad_values_are_refused_with_what_would_work()
    {
        Assert.Equal("from (2021-01-01) is after to (2020-12-31); swap them or widen the range.", Problem(new SearchRequestText { From = "2021", To = "2020" }));
        Assert.Equal("sort must be relevance or date (got \"popularity\").", Problem(new SearchRequestText { Sort = "popularity" }));
        Assert.Equal("boost must be recent, or left out for none (got \"old\").", Problem(new SearchRequestText { Boost = "old" }));
        Assert.Contains("at most 50 may be selected", Problem(new SearchRequestText { Tags = Enumerable.Range(0, 51).Select(i => $"t{i}").ToList() }));
        Assert.Contains("the limit is 300", Problem(new SearchRequestText { Publishers = [new string('p', 301)] }));
        Assert.Contains("page must be 1 or more", Problem(new SearchRequestText { Page = 0 }));
        Assert.Contains("…", Problem(new SearchRequestText { Sort = new string('s', 500) }));
    }
}
