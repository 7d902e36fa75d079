using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SearchService.Api.Uploads;

namespace SearchService.Api.OpenApi;

/// <summary>
/// The request body of an upload as <see cref="UploadReader"/> reads it: a form with one file in the field "file".
/// The handlers read the form themselves, so nothing in their signature can tell the document this.
/// </summary>
internal static class BriefUploadForm
{
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The brief's file, Markdown (.md), text (.txt), PDF (.pdf) or HTML (.html), as curl -F file=@brief.md sends it.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { UploadReader.FieldName },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [UploadReader.FieldName] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Format = "binary",
                                Description = "The file; its name must end in the extension of its format.",
                            },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
