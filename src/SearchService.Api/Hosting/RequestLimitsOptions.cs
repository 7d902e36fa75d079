using System.ComponentModel.DataAnnotations;
using SearchService.Core.Extraction;
using SearchService.Core.Search;

namespace SearchService.Api.Hosting;

/// <summary>
/// How much one client may ask of the service ("SearchService:Limits" section): upload size, and requests per
/// time window per client address for everything and, more strictly, for writes and admin calls.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "SearchService:Limits";

    /// <summary>Room for the multipart boundary and part headers around an uploaded file.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    /// <summary>Largest file a client may upload, in bytes; never more than the extractor reads.</summary>
    [Range(1L, BriefExtractor.MaxFileBytes)]
    public long MaxUploadBytes { get; set; } = BriefExtractor.MaxFileBytes;

    /// <summary>Requests of any kind one client address may make per window; 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int RequestsPerWindow { get; set; } = 1200;

    /// <summary>Writes and admin calls one client address may make per window; 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int WritesPerWindow { get; set; } = 60;

    /// <summary>Length of the rate-limit window ("00:01:00").</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest request body the server accepts: one upload with its multipart framing.</summary>
    public long MaxRequestBytes => MaxUploadBytes + MultipartOverheadBytes;

    /// <summary>
    /// Longest request line (method, URL, version) the server reads: room for a query of
    /// <see cref="SearchRequest.MaxQueryLength"/> characters however it is written (a character takes up to 9 bytes
    /// percent-encoded) and the other parameters, so that the query's own limit answers, in words, before the server's
    /// (Kestrel's default of 8 KiB refused a 1,000-word text with a bare 414).
    /// </summary>
    public const int MaxRequestLineBytes = SearchRequest.MaxQueryLength * 9 + 64 * 1024;
}
