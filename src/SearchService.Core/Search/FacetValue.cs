namespace SearchService.Core.Search;

/// <summary>One value of a facet and how many matched briefs have it.</summary>
public sealed record FacetValue(string Value, int Count);
