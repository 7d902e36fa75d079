namespace SearchService.Core.Search;

/// <summary>A brief a search mode matched: its document number in the <see cref="SearchSnapshot"/> and its ranking score.</summary>
internal readonly record struct BriefMatch(int Doc, float Score);
