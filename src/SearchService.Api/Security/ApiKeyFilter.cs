namespace SearchService.Api.Security;

/// <summary>
/// Lets a request through to a write or admin endpoint only with a configured key in the <c>X-Api-Key</c>
/// header: 401 without a key, 403 with a wrong one, 403 for everyone while no key is configured.
/// Runs before the handler reads the request body, so an unauthenticated upload is never read.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyValidator validator) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[HeaderName];
        var check = presented.Count > 1 ? ApiKeyCheck.Wrong : validator.Check(presented.ToString());
        switch (check)
        {
            case ApiKeyCheck.Accepted:
                return await next(context);
            case ApiKeyCheck.Missing:
                http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{HeaderName}\"";
                return TypedResults.Problem(
                    $"This endpoint changes the index and needs an API key: send it in the {HeaderName} header.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
            case ApiKeyCheck.WritesDisabled:
                return TypedResults.Problem(
                    "Writes are disabled until an API key is configured: set SearchService:ApiKeys (e.g. the environment variable SearchService__ApiKeys__0) and restart the service.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Writes are disabled");
            default:
                return TypedResults.Problem(
                    $"The key in the {HeaderName} header is not one of the configured API keys.",
                    statusCode: StatusCodes.Status403Forbidden, title: "API key not accepted");
        }
    }
}
