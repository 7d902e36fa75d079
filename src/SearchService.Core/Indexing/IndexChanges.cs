namespace SearchService.Core.Indexing;

/// <summary>The briefs one commit added or replaced, and those it removed, by id.</summary>
internal sealed record IndexChanges(IReadOnlyList<string> Upserted, IReadOnlyList<string> Deleted)
{
    public bool IsEmpty => Upserted.Count == 0 && Deleted.Count == 0;
}
