using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchService.Api.OpenApi;

/// <summary>A value a reader can try, shown in the OpenAPI document beside the parameter's or property's description.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class OpenApiExampleAttribute : Attribute
{
    public OpenApiExampleAttribute(string value) => Value = JsonValue.Create(value);

    public OpenApiExampleAttribute(int value) => Value = JsonValue.Create(value);

    public JsonNode Value { get; }

    /// <summary>Copies the example of a property (of a body or an answer) or a parameter (of a handler or an [AsParameters] record) into its schema.</summary>
    internal static Task Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var example = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(OpenApiExampleAttribute), inherit: true).OfType<OpenApiExampleAttribute>().FirstOrDefault()
                      ?? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo.GetCustomAttribute<OpenApiExampleAttribute>();
        if (example is null) return Task.CompletedTask;
        // A repeatable parameter (string[]) is an array whose items are the values: the example is one of them.
        var isArray = schema.Type is { } type && type.HasFlag(JsonSchemaType.Array);
        schema.Examples = [isArray ? new JsonArray(example.Value.DeepClone()) : example.Value.DeepClone()];
        return Task.CompletedTask;
    }
}
