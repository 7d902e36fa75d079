namespace SearchService.Core.Indexing;

/// <summary>What a write through <see cref="LiveIndex"/> did.</summary>
public enum BriefWriteOutcome
{
    /// <summary>The brief was new and is now indexed.</summary>
    Created,
    /// <summary>The brief existed with other content and has been replaced.</summary>
    Updated,
    /// <summary>The brief existed with the same content hash; nothing was written.</summary>
    Unchanged,
    /// <summary>A replacement named a brief that does not exist; nothing was written.</summary>
    NotFound,
}
