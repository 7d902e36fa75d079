using System.Text.Json.Serialization;

namespace SearchService.Core.Briefs;

/// <summary>
/// One extracted publication: its metadata, clean text, sections and the findings and
/// recommendations it states. This is the shape the API and CLI return.
/// </summary>
public sealed record Brief
{
    /// <summary>Stable id: the front-matter slug or permalink, else the file name.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public DateOnly? Date { get; init; }
    public string? Publisher { get; init; }
    /// <summary>Kind of publication ("Policy Brief", "In Focus", "Report").</summary>
    public string? Type { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<Author> Authors { get; init; } = [];
    public IReadOnlyList<Link> Links { get; init; } = [];
    public string? Summary { get; init; }
    /// <summary>Clean body text: no markup, navigation or page furniture.</summary>
    public string Body { get; init; } = "";
    public IReadOnlyList<Section> Sections { get; init; } = [];
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    public IReadOnlyList<Recommendation> Recommendations { get; init; } = [];
    /// <summary>File name the brief was extracted from.</summary>
    public string? Source { get; init; }
    /// <summary>Format the brief was read from, decided by its content: "markdown", "pdf", "html" or "text".</summary>
    public string Format { get; init; } = "markdown";
    /// <summary>
    /// Lower-case file names of the PDFs the brief links ("if12024.6.pdf"): a folder holding a brief
    /// and its PDF indexes the brief once. Used while indexing; not part of the brief's JSON.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> LinkedPdfNames { get; init; } = [];
}
