using System.Text.Json.Serialization;

namespace SearchService.Core.Briefs;

/// <summary>A searchable piece of a brief: its summary, one finding, one recommendation or a body chunk.</summary>
public sealed record Passage(string Id, string BriefId, PassageKind Kind, string Text, string? Section);

[JsonConverter(typeof(JsonStringEnumConverter<PassageKind>))]
public enum PassageKind
{
    Summary,
    Finding,
    Recommendation,
    Paragraph,
}
