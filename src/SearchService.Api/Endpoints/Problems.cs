using SearchService.Core.Extraction;

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

    public static ProblemHttpResult UnreadableBrief(BriefExtractionException exception) =>
        TypedResults.Problem(
            $"The file '{exception.File}' could not be read as a brief: {exception.Reason}.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Not a readable brief");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported upload");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
