namespace SearchService.Core.Indexing;

/// <summary>
/// State one index generation derived from its briefs that a rebuild can carry into the next generation instead of
/// computing it again from nothing (related lists: hours of work at 100,000 briefs). Called once the next generation
/// holds its briefs and before the writes made during the rebuild are replayed into it.
/// </summary>
internal interface ICarriedIntoRebuild
{
    void CarryInto(BriefIndex next);
}
