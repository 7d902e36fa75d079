using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SearchService.Core.Search;

/// <summary>
/// A search request as text, the way a URL query string or the command line carries it. The API and
/// the CLI both read it here, so they accept and refuse exactly the same values.
/// </summary>
public sealed record SearchRequestText
{
    public string? Q { get; init; }
    public string? Mode { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? Authors { get; init; }
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? Publishers { get; init; }
    /// <summary>yyyy-MM-dd, yyyy-MM or yyyy: the first day of that day, month or year.</summary>
    public string? From { get; init; }
    /// <summary>yyyy-MM-dd, yyyy-MM or yyyy: the last day of that day, month or year.</summary>
    public string? To { get; init; }
    public string? Sort { get; init; }
    public string? Boost { get; init; }
    public int? Page { get; init; }
    public int? Size { get; init; }

    /// <summary>
    /// The request these values describe, or a problem that says which value is wrong and why. A request
    /// that names no mode gets <paramref name="defaultMode"/> (the searcher's, see <see cref="BriefSearcher.DefaultMode"/>);
    /// without one, the request's own.
    /// </summary>
    public bool TryCreate([NotNullWhen(true)] out SearchRequest? request, [NotNullWhen(false)] out string? problem, string? defaultMode = null)
    {
        request = null;
        if (!TryReadSort(Sort, out var sort, out problem)) return false;
        if (!TryReadBoost(Boost, out var boost, out problem)) return false;
        if (!TryReadDate("from", From, endOfPeriod: false, out var from, out problem)) return false;
        if (!TryReadDate("to", To, endOfPeriod: true, out var to, out problem)) return false;
        request = new SearchRequest(Q, Page ?? 1, Size ?? 10)
        {
            Sort = sort,
            Boost = boost,
            Filter = new BriefFilter
            {
                Tags = Values(Tags),
                Authors = Values(Authors),
                Types = Values(Types),
                Publishers = Values(Publishers),
                From = from,
                To = to,
            },
        };
        if (!string.IsNullOrWhiteSpace(Mode)) request = request with { Mode = Mode.Trim().ToLowerInvariant() };
        else if (defaultMode is not null) request = request with { Mode = defaultMode };
        problem = request.Validate();
        if (problem is null) return true;
        request = null;
        return false;
    }

    /// <summary>Empty values (<c>tags=</c>) select nothing; repeated values count once.</summary>
    private static List<string> Values(IReadOnlyList<string>? values) =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static bool TryReadSort(string? text, out SearchSort sort, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "relevance": sort = SearchSort.Relevance; return true;
            case "date": sort = SearchSort.Date; return true;
            default:
                sort = default;
                problem = $"sort must be relevance or date (got \"{Shorten(text)}\").";
                return false;
        }
    }

    private static bool TryReadBoost(string? text, out SearchBoost boost, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "none": boost = SearchBoost.None; return true;
            case "recent": boost = SearchBoost.Recent; return true;
            default:
                boost = default;
                problem = $"boost must be recent, or left out for none (got \"{Shorten(text)}\").";
                return false;
        }
    }

    private static readonly string[] DayFormats = ["yyyy-MM-dd"];

    private static bool TryReadDate(string name, string? text, bool endOfPeriod, out DateOnly? date, [NotNullWhen(false)] out string? problem)
    {
        date = null;
        problem = null;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return true;
        if (DateOnly.TryParseExact(value, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            date = endOfPeriod ? new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month)) : month;
            return true;
        }
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1)
        {
            date = endOfPeriod ? new DateOnly(year, 12, 31) : new DateOnly(year, 1, 1);
            return true;
        }
        problem = $"{name} must be a date as yyyy-MM-dd, yyyy-MM or yyyy (got \"{Shorten(text)}\").";
        return false;
    }

    private static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";
}
