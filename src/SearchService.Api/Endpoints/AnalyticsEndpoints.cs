using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using SearchService.Api.Analytics;
using SearchService.Core.Analytics;

namespace SearchService.Api.Endpoints;

/// <summary>
/// Search analytics: the beacon pages send when a reader opens a result (public, like a search), and the report for
/// site owners (API key).
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>A click beacon is a few dozen bytes; anything much larger is not one.</summary>
    private const int MaxBeaconBytes = 2_048;
    private const int MaxRangeDays = 366;
    private const int DefaultRangeDays = 30;

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/analytics").WithTags("Analytics")
            .MapPost("/clicks", RecordClick)
            .WithName("recordClick")
            .WithSummary("Records that a reader opened a result: { searchId, briefId, position }, as navigator.sendBeacon sends it (any content type).")
            .WithDescription("searchId is the one the search (or related list) answered with; position counts from 1 across pages. " +
                             "Nothing about the reader is kept. 204 when accepted.")
            .Accepts<ClickBeacon>("application/json", "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        routes.MapGroup("/api/admin/analytics").WithTags("Analytics").RequireWriteAccess()
            .MapGet("", GetReport)
            .WithName("getAnalyticsReport")
            .WithSummary("What readers searched for: top queries, queries with no results, queries whose results are never opened, click-through rate, mean position clicked, searches per day.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RecordClick(HttpRequest request, SearchAnalytics analytics)
    {
        if (request.ContentLength > MaxBeaconBytes) return Problems.BadRequest($"A click beacon is at most {MaxBeaconBytes} bytes: {{ \"searchId\", \"briefId\", \"position\" }}.");
        ClickBeacon? beacon;
        try
        {
            // Read at most one byte more than a beacon may have, whatever the body claims (or does not claim) its length is.
            var buffer = new byte[MaxBeaconBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0) length += read;
            if (length > MaxBeaconBytes) return Problems.BadRequest($"A click beacon is at most {MaxBeaconBytes} bytes.");
            beacon = JsonSerializer.Deserialize<ClickBeacon>(buffer.AsSpan(0, length), JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"The body is not the JSON of a click ({e.Message}); send {{ \"searchId\": \"…\", \"briefId\": \"…\", \"position\": 1 }}.");
        }
        if (beacon?.Problem() is { } problem) return Problems.BadRequest(problem);
        if (beacon is null) return Problems.BadRequest("The body is empty; send { \"searchId\": \"…\", \"briefId\": \"…\", \"position\": 1 }.");
        analytics.RecordClick(beacon.SearchId!, beacon.BriefId!, beacon.Position!.Value);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<AnalyticsReport>, ProblemHttpResult>> GetReport(
        [Description("First day (yyyy-MM-dd, UTC); 29 days before to by default.")] string? from,
        [Description("Last day, included (yyyy-MM-dd, UTC); today by default.")] string? to,
        [Description("Queries per list, 1 to 200 (default 20).")] int? top,
        SearchAnalytics analytics, AnalyticsReporter reporter, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryDay(to, "to", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out var last, out var problem)) return Problems.BadRequest(problem);
        if (!TryDay(from, "from", last.AddDays(1 - DefaultRangeDays), out var first, out problem)) return Problems.BadRequest(problem);
        if (first > last) return Problems.BadRequest($"from ({first:yyyy-MM-dd}) is after to ({last:yyyy-MM-dd}); swap them.");
        if (last.DayNumber - first.DayNumber + 1 > MaxRangeDays) return Problems.BadRequest($"The range covers {last.DayNumber - first.DayNumber + 1} days; at most {MaxRangeDays} are reported at once.");
        var count = top ?? AnalyticsReporter.DefaultTop;
        if (count is < 1 or > 200) return Problems.BadRequest($"top must be between 1 and 200 (got {count}).");
        // Everything answered before this request is in the report: the queue is written out first.
        await analytics.FlushAsync(cancellationToken);
        return TypedResults.Ok(await Task.Run(() => reporter.Report(first, last, count), cancellationToken));
    }

    private static bool TryDay(string? text, string name, DateOnly fallback, out DateOnly day, out string problem)
    {
        problem = "";
        day = fallback;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)) return true;
        problem = $"{name} must be a day written yyyy-MM-dd (got \"{(text.Length > 40 ? text[..40] + "…" : text)}\").";
        return false;
    }
}

/// <summary>The body of a click beacon.</summary>
/// <param name="SearchId">The searchId of the answer the result was shown in.</param>
/// <param name="BriefId">The brief opened.</param>
/// <param name="Position">Its position in the answer, 1 = first (counted across pages).</param>
public sealed record ClickBeacon(string? SearchId, string? BriefId, int? Position)
{
    public const int MaxIdLength = 200;

    /// <summary>What is wrong with this beacon, in words; null when it can be recorded.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(SearchId) || SearchId.Length > 64 || !SearchId.All(char.IsAsciiLetterOrDigit))
            return "searchId must be the searchId of a search answer (letters and digits).";
        if (string.IsNullOrWhiteSpace(BriefId) || BriefId.Length > MaxIdLength) return $"briefId must be the id of the brief opened (1 to {MaxIdLength} characters).";
        if (Position is not (>= 1 and <= Core.Search.SearchRequest.MaxDepth)) return $"position must be between 1 and {Core.Search.SearchRequest.MaxDepth} (got {Position?.ToString(CultureInfo.InvariantCulture) ?? "none"}).";
        return null;
    }
}
