using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchService.Api.OpenApi;

/// <summary>
/// What every operation has in common and the endpoint metadata cannot say: query parameters are named as clients
/// send them, and the global rate limit (<see cref="Hosting.RequestLimitPolicies"/>) may refuse any request with 429.
/// </summary>
internal static class EveryOperation
{
    public static Task Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // [AsParameters] records bind their properties case-insensitively; the document names them as the README and the pages send them.
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name && char.IsUpper(name[0]))
                parameter.Name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
        }

        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.ContainsKey("429"))
        {
            operation.Responses["429"] = new OpenApiResponse
            {
                Description = "Too many requests from this client in the current window; Retry-After says when to try again.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                },
            };
        }
        return Task.CompletedTask;
    }
}
