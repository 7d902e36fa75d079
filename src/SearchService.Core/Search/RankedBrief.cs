namespace SearchService.Core.Search;

/// <summary>
/// A match that passed the filters, with what sorting needs: score and yyyyMMdd date (0 when undated). Its brief id is
/// read only where it is needed (ties, the page shown), so a query matching most of a large corpus allocates no string
/// per match.
/// </summary>
internal readonly record struct RankedBrief(int Doc, float Score, int Date);
