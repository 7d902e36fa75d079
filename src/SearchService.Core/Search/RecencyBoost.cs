namespace SearchService.Core.Search;

/// <summary>
/// <c>boost=recent</c>: each score is multiplied by 0.5^(age / <see cref="HalfLifeDays"/>), where age is
/// counted back from the newest matched brief, so the newest keeps its score and a brief one half-life
/// older needs twice the relevance to rank level with it. Because the decay is exponential, the order
/// it produces depends only on how far apart the dates are, never on today's date. Undated briefs are
/// treated as old as the oldest dated match.
/// </summary>
public static class RecencyBoost
{
    public const double HalfLifeDays = 365;

    /// <summary>The factor for a brief dated <paramref name="date"/> when the newest match is <paramref name="newest"/>.</summary>
    public static double Factor(DateOnly date, DateOnly newest) =>
        Math.Pow(0.5, Math.Max(0, newest.DayNumber - date.DayNumber) / HalfLifeDays);
}
