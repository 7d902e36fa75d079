namespace SearchService.Api.Endpoints;

/// <summary>RFC 7807 bodies (application/problem+json) for the errors endpoints return themselves.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult BriefNotFound(string id) =>
        TypedResults.Problem(
            $"No brief has the id '{id}'. GET /api/briefs lists the ids that exist.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Brief not found");
}
