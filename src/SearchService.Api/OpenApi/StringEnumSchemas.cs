using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchService.Api.OpenApi;

/// <summary>
/// Enums are written by name (the service's JsonStringEnumConverter), but the converter also reads numbers, so the
/// generator leaves their type open; the document says they are strings, so a generated client reads them by name.
/// </summary>
internal static class StringEnumSchemas
{
    public static Task Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v is JsonValue value && value.GetValueKind() == JsonValueKind.String))
            schema.Type = JsonSchemaType.String;
        return Task.CompletedTask;
    }
}
