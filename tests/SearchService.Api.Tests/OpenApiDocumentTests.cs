using System.Text.Json;
using System.Text.Json.Nodes;
using SearchService.Api.Hosting;

namespace SearchService.Api.Tests;

/// <summary>
/// The published contract: the document the service serves at /openapi/v1.json is the checked-in openapi/v1.json
/// (which the CI lints and the typed client is generated from).
/// </summary>
public sealed class OpenApiDocumentTests(SearchApp app) : IClassFixture<SearchApp>
{
    /// <summary>Set to 1 to write the served document to openapi/v1.json instead of comparing with it.</summary>
    public const string UpdateVariable = "SEARCHSERVICE_UPDATE_OPENAPI";

    private readonly HttpClient _client = app.CreateClient();

    private static string CheckedInPath =>
        Path.Combine(ProjectPaths.FindRepositoryRoot(AppContext.BaseDirectory)
                     ?? throw new InvalidOperationException($"No SearchService.sln above {AppContext.BaseDirectory}: openapi/v1.json is found from the repository root."),
            "openapi", "v1.json");

    [Fact]
    public async Task The_checked_in_document_is_the_one_the_service_serves()
    {
        var served = Normalise(await _client.GetStringAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CheckedInPath)!);
            await File.WriteAllTextAsync(CheckedInPath, served);
        }
        Assert.True(File.Exists(CheckedInPath), $"{CheckedInPath} is missing; run this test with {UpdateVariable}=1 to write it.");
        var checkedIn = Normalise(await File.ReadAllTextAsync(CheckedInPath));
        Assert.True(checkedIn == served,
            $"openapi/v1.json differs from the document the service serves: the endpoints changed. Run `{UpdateVariable}=1 dotnet test tests/SearchService.Api.Tests " +
            $"--filter FullyQualifiedName~OpenApiDocumentTests`, review the diff, lint it (.ci/run does) and commit it; the client is regenerated from it on build.");
    }

    /// <summary>Indented, with "\n" line ends, so the file diffs well and compares the same on every platform.</summary>
    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
}
