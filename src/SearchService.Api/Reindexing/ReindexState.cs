namespace SearchService.Api.Reindexing;

/// <summary>Stage of the last reindex the service started.</summary>
public enum ReindexState
{
    /// <summary>No reindex since the service started.</summary>
    Idle,
    Running,
    Succeeded,
    Failed,
    /// <summary>The service stopped before the rebuild finished; the old generation is still served.</summary>
    Cancelled,
}
