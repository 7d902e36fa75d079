using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using SearchService.Api.Endpoints;
using SearchService.Api.Hosting;
using SearchService.Core.Extraction;

namespace SearchService.Api.Uploads;

/// <summary>
/// Reads the one file of a <c>multipart/form-data</c> upload (field <c>file</c>) into memory, checking the
/// request's media type, its size before and while reading, and the file's type; each refusal is a problem
/// response that says what to send instead.
/// </summary>
internal static class UploadReader
{
    public const string FieldName = "file";

    public static async Task<(Upload? Upload, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, RequestLimitsOptions limits, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.UnsupportedMediaType($"Send the brief as multipart/form-data with the file in a field named '{FieldName}' (got {(string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : request.ContentType)})."));
        if (request.ContentLength > limits.MaxRequestBytes)
            return (null, TooLarge(limits));

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limits.MaxRequestBytes,
                ValueCountLimit = 16,
                KeyLengthLimit = 256,
            }, cancellationToken);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TooLarge(limits));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limits));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problems.BadRequest($"The multipart body could not be read ({e.Message}). Send one file in a field named '{FieldName}'."));
        }

        if (form.Files.Count != 1 || form.Files[0].Name != FieldName)
            return (null, Problems.BadRequest($"Send exactly one file, in a field named '{FieldName}' (got {form.Files.Count} file(s){(form.Files.Count > 0 ? $" in field '{form.Files[0].Name}'" : "")})."));
        var file = form.Files[0];
        if (file.Length == 0) return (null, Problems.BadRequest($"The uploaded file '{UploadedFileName.Sanitize(file.FileName)}' is empty."));
        if (file.Length > limits.MaxUploadBytes) return (null, TooLarge(limits, file.Length));

        var name = UploadedFileName.Sanitize(file.FileName);
        if (!BriefExtractor.IsSupported(name))
            return (null, Problems.UnsupportedMediaType($"'{name}' is not a brief file this service reads: its name must end in the extension of a format the service reads: Markdown (.md), text (.txt), PDF (.pdf) or HTML (.html)."));

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        return (new Upload(name, bytes), null);
    }

    /// <summary>
    /// Routing answers 415 by itself when an upload endpoint gets a body that is not multipart/form-data; this
    /// gives that bare answer the same explanation the endpoints give.
    /// </summary>
    public static void ExplainUnsupportedMediaType(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status415UnsupportedMediaType || context.ProblemDetails.Detail is not null) return;
        var sent = context.HttpContext.Request.ContentType;
        context.ProblemDetails.Detail = $"Send the brief as multipart/form-data with the file in a field named '{FieldName}' (got {(string.IsNullOrEmpty(sent) ? "no Content-Type" : sent)}), e.g. curl -F {FieldName}=@brief.md.";
    }

    private static ProblemHttpResult TooLarge(RequestLimitsOptions limits, long? actual = null) =>
        Problems.TooLarge($"{(actual is { } size ? $"The file is {size:N0} bytes; u" : "U")}ploads may be at most {limits.MaxUploadBytes:N0} bytes ({limits.MaxUploadBytes / (1024.0 * 1024):0.#} MB). Split or shorten the brief.");
}
