namespace SearchService.Api.OpenApi;

public static class OpenApiServices
{
    /// <summary>The document served at /openapi/v1.json, the contract the checked-in openapi/v1.json and the typed client are made from.</summary>
    public static IServiceCollection AddSearchServiceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(ServiceDescription.Describe);
            options.AddDocumentTransformer(ApiKeySecurity.DeclareScheme);
            options.AddDocumentTransformer(BriefUploadForm.RemoveBareFileSchema);
            options.AddOperationTransformer(EveryOperation.Apply);
            options.AddSchemaTransformer(OpenApiExampleAttribute.Apply);
            options.AddSchemaTransformer(StringEnumSchemas.Apply);
        });
}
