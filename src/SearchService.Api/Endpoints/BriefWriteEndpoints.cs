using System.ComponentModel;
using Microsoft.Extensions.Options;
using SearchService.Api.Hosting;
using SearchService.Api.OpenApi;
using SearchService.Api.Uploads;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;

namespace SearchService.Api.Endpoints;

/// <summary>
/// Uploading, replacing and deleting briefs. Each change is committed before the response, so the next
/// search, brief or related request sees it; repeating an upload with the same content writes nothing.
/// </summary>
public static class BriefWriteEndpoints
{
    public static IEndpointRouteBuilder MapBriefWritesApi(this IEndpointRouteBuilder routes)
    {
        var briefs = routes.MapGroup("/api/briefs").WithTags("Briefs").RequireWriteAccess();
        briefs.MapPost("", CreateBrief)
            .WithName("uploadBrief")
            .WithSummary("Upload a brief (multipart/form-data, field 'file'): 201 when new, 200 when it updated or matched a brief with its id.")
            .AcceptsBriefUpload();
        briefs.MapPut("/{id}", ReplaceBrief)
            .WithName("replaceBrief")
            .WithSummary("Replace a brief with an uploaded file; the id in the URL wins over the file's own.")
            .AcceptsBriefUpload()
            .ProducesProblem(StatusCodes.Status404NotFound);
        briefs.MapDelete("/{id}", DeleteBrief)
            .WithName("deleteBrief")
            .WithSummary("Delete a brief, its passages and its original file.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Results<Created<BriefWriteResponse>, Ok<BriefWriteResponse>, ProblemHttpResult>> CreateBrief(
        HttpRequest request, LiveIndex index, IOptions<RequestLimitsOptions> limits, CancellationToken cancellationToken)
    {
        var (upload, problem) = await UploadReader.ReadAsync(request, limits.Value, cancellationToken);
        if (problem is not null) return problem;
        var (brief, unreadable) = Extract(upload!);
        if (unreadable is not null) return unreadable;

        var outcome = index.Add(brief!, new BriefOriginal(upload!.FileName, upload.Bytes));
        var response = BriefWriteResponse.From(brief!, outcome);
        return outcome == BriefWriteOutcome.Created
            ? TypedResults.Created($"/api/briefs/{Uri.EscapeDataString(brief!.Id)}", response)
            : TypedResults.Ok(response);
    }

    internal static async Task<Results<Ok<BriefWriteResponse>, ProblemHttpResult>> ReplaceBrief(
        [Description("The id of the brief to replace."), OpenApiExample("navigating-ai-sovereignty")] string id, HttpRequest request, LiveIndex index, IOptions<RequestLimitsOptions> limits, CancellationToken cancellationToken)
    {
        // Refuse an unknown id before reading a body that could be 20 MB; Replace checks again under the write lock.
        if (!index.Contains(id)) return Problems.BriefNotFound(id);
        var (upload, problem) = await UploadReader.ReadAsync(request, limits.Value, cancellationToken);
        if (problem is not null) return problem;
        var (extracted, unreadable) = Extract(upload!);
        if (unreadable is not null) return unreadable;

        var brief = extracted! with { Id = id };
        var outcome = index.Replace(brief, new BriefOriginal(upload!.FileName, upload.Bytes));
        return outcome == BriefWriteOutcome.NotFound
            ? Problems.BriefNotFound(id)
            : TypedResults.Ok(BriefWriteResponse.From(brief, outcome));
    }

    internal static Results<NoContent, ProblemHttpResult> DeleteBrief([Description("The id of the brief to delete."), OpenApiExample("navigating-ai-sovereignty")] string id, LiveIndex index) =>
        index.Delete(id) ? TypedResults.NoContent() : Problems.BriefNotFound(id);

    /// <summary>The uploaded bytes go straight to the extractor, never to disk.</summary>
    private static (Brief? Brief, ProblemHttpResult? Problem) Extract(Upload upload)
    {
        try
        {
            return (BriefExtractor.Extract(upload.Bytes, upload.FileName), null);
        }
        catch (BriefExtractionException e)
        {
            return (null, Problems.UnreadableBrief(e));
        }
    }
}

/// <summary>What a write did: the brief's id and title, and <c>status</c> "created", "updated" or "unchanged".</summary>
public sealed record BriefWriteResponse(
    [property: OpenApiExample("navigating-ai-sovereignty")] string Id,
    [property: OpenApiExample("Navigating AI Sovereignty: Strategic Choices for the UK")] string Title,
    [property: OpenApiExample("created")] string Status,
    string ContentHash)
{
    public static BriefWriteResponse From(Brief brief, BriefWriteOutcome outcome) =>
        new(brief.Id, brief.Title, outcome.ToString().ToLowerInvariant(), BriefContentHash.Of(brief));
}
