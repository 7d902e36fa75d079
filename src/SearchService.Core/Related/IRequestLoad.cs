namespace SearchService.Core.Related;

/// <summary>What background work sees of the requests a service answers, so it can leave the cores to them.</summary>
public interface IRequestLoad
{
    /// <summary>Whether requests are being answered (one arrived within the last moments).</summary>
    bool Serving { get; }

    /// <summary>How long, in all, at least one request has been in flight since the service started; only grows.</summary>
    TimeSpan Busy { get; }
}
