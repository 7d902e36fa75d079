using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SearchService.Api.Security;

namespace SearchService.Api.OpenApi;

/// <summary>
/// Tells the OpenAPI document which operations need the <c>X-Api-Key</c> header, so a generated client knows:
/// the scheme is declared once, and <see cref="Endpoints.WriteEndpointConventions.RequireWriteAccess"/> marks each
/// operation it guards. Every other operation needs no credentials (the document's default).
/// </summary>
internal static class ApiKeySecurity
{
    public const string SchemeName = "ApiKey";

    public static Task DeclareScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyFilter.HeaderName,
            Description = "One of the keys configured in SearchService:ApiKeys (e.g. the environment variable SearchService__ApiKeys__0). " +
                          "Writes and admin calls answer 401 without it, 403 with a key that is not configured, and 403 to everyone while no key is configured.",
        };
        // An empty requirement: the operations that do not say otherwise are open to anyone.
        document.Security = [new OpenApiSecurityRequirement()];
        return Task.CompletedTask;
    }

    public static Task RequireKey(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        return Task.CompletedTask;
    }
}
