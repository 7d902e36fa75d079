namespace SearchService.Core.Search;

/// <summary>A match that passed the filters, with what sorting needs: score, brief id and yyyyMMdd date (0 when undated).</summary>
internal readonly record struct RankedBrief(int Doc, float Score, string Id, int Date);
