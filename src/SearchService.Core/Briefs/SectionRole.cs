using System.Text.Json.Serialization;

namespace SearchService.Core.Briefs;

/// <summary>What a section holds, recognised from the wording of its heading.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SectionRole>))]
public enum SectionRole
{
    Other,
    Summary,
    Findings,
    Recommendations,
    /// <summary>Publisher boilerplate (ordering copies, contacts, disclaimers): not indexed.</summary>
    Boilerplate,
}
