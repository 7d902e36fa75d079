using SearchService.Api.Hosting;
using SearchService.Api.OpenApi;
using SearchService.Api.Security;

namespace SearchService.Api.Endpoints;

/// <summary>What every endpoint that changes the index shares: the API key check, the write rate limit, and the answers they give.</summary>
internal static class WriteEndpointConventions
{
    public static RouteGroupBuilder RequireWriteAccess(this RouteGroupBuilder group) => group
        .AddEndpointFilter<ApiKeyFilter>()
        .AddOpenApiOperationTransformer(ApiKeySecurity.RequireKey)
        .RequireRateLimiting(RequestLimitPolicies.Writes)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>An endpoint that takes one uploaded file (multipart field "file") and the problems an upload can have.</summary>
    public static RouteHandlerBuilder AcceptsBriefUpload(this RouteHandlerBuilder endpoint) => endpoint
        // Also makes routing answer 415 to any other content type, before the key is checked.
        .Accepts<IFormFile>("multipart/form-data")
        .AddOpenApiOperationTransformer(BriefUploadForm.Describe)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
