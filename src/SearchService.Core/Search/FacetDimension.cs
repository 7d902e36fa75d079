using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// One facet: the doc values field its counts read, and the Lucene filter a <see cref="BriefFilter"/>
/// applies to it (any selected value; for years, the date range).
/// </summary>
internal sealed record FacetDimension(string Field, Func<BriefFilter, IReadOnlyList<string>> Selected, Func<BriefFilter, Filter?> FilterOf, bool NewestFirst = false)
{
    public static FacetDimension Tags { get; } = Values(IndexFields.Tag, f => f.Tags);
    public static FacetDimension Authors { get; } = Values(IndexFields.Author, f => f.Authors);
    /// <summary>The date range is the year facet's own filter: year counts ignore it, like any facet's own selection.</summary>
    public static FacetDimension Year { get; } = new(IndexFields.Year, _ => [], DateRange, NewestFirst: true);
    public static FacetDimension Type { get; } = Values(IndexFields.Type, f => f.Types);
    public static FacetDimension Publisher { get; } = Values(IndexFields.Publisher, f => f.Publishers);

    public static IReadOnlyList<FacetDimension> All { get; } = [Tags, Authors, Year, Type, Publisher];

    private static FacetDimension Values(string field, Func<BriefFilter, IReadOnlyList<string>> selected) =>
        new(field, selected, filter => selected(filter) is { Count: > 0 } values
            ? new TermsFilter(field, values.Select(v => new BytesRef(v)).ToList())
            : null);

    private static Filter? DateRange(BriefFilter filter) =>
        filter.From is null && filter.To is null
            ? null
            : NumericRangeFilter.NewInt32Range(IndexFields.DateNumber,
                filter.From is { } from ? BriefDocuments.DateNumber(from) : null,
                filter.To is { } to ? BriefDocuments.DateNumber(to) : null,
                minInclusive: true, maxInclusive: true);
}
