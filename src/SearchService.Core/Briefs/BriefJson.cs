using System.Text.Json;
using System.Text.Json.Serialization;

namespace SearchService.Core.Briefs;

/// <summary>The one JSON shape of briefs, shared by the index's stored copy, the API and the CLI.</summary>
public static class BriefJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);

    public static Brief Deserialize(string json) =>
        JsonSerializer.Deserialize<Brief>(json, Options) ?? throw new InvalidDataException("stored brief JSON is empty");
}
