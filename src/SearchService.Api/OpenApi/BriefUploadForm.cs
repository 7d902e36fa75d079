using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SearchService.Api.Uploads;

namespace SearchService.Api.OpenApi;

/// <summary>
/// The request body of an upload as <see cref="UploadReader"/> reads it: a form with one file in the field "file".
/// The handlers read the form themselves, so nothing in their signature can tell the document this; the endpoint's
/// <c>Accepts&lt;IFormFile&gt;</c> (which routing needs) would describe the body as a bare file.
/// </summary>
internal static class BriefUploadForm
{
    /// <summary>The component <c>Accepts&lt;IFormFile&gt;</c> leaves behind.</summary>
    private const string BareFileSchema = nameof(IFormFile);

    /// <summary>Drops the bare-file schema once no request body refers to it (an unused component fails the lint).</summary>
    public static Task RemoveBareFileSchema(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var used = document.Paths.Values
            .SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .Any(operation => operation.RequestBody?.Content?.Values.Any(media => media.Schema is OpenApiSchemaReference { Reference.Id: BareFileSchema }) == true);
        if (!used) document.Components?.Schemas?.Remove(BareFileSchema);
        return Task.CompletedTask;
    }

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
