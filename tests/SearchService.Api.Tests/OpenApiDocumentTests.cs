using SearchService.Core;
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
        Path.Combine(RepositoryPaths.FindRoot(AppContext.BaseDirectory)
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

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_a_tag_and_a_4xx_answer()
    {
        var operations = await Operations();

        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["operationId"]), $"{o.Method} {o.Path} has no operationId: give its endpoint .WithName(\"verbNoun\").");
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has no summary.");
            Assert.NotEmpty(o.Operation["tags"]!.AsArray());
            Assert.Contains(o.Operation["responses"]!.AsObject(), r => r.Key.StartsWith('4'));
        });
        var ids = operations.Select(o => (string)o.Operation["operationId"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task The_api_key_scheme_licence_and_a_server_without_trailing_slash_are_declared()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", (string?)scheme["type"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("X-Api-Key", (string?)scheme["name"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]!["license"]?["name"]));
        Assert.All(document["servers"]!.AsArray(), server =>
        {
            var url = (string)server!["url"]!;
            Assert.True(url == "/" || !url.EndsWith('/'), $"server url '{url}' ends with a slash");
        });
    }

    /// <summary>
    /// The document and the service agree on who may call what: every operation that declares the API key is refused
    /// without one (401), and every operation the service refuses without a key declares it. Requests without a key
    /// and with an empty body change nothing, so every operation can be tried.
    /// </summary>
    [Fact]
    public async Task An_operation_declares_the_api_key_exactly_when_the_service_refuses_it_without_one()
    {
        var operations = await Operations();
        var checkedOperations = 0;
        foreach (var (path, method, operation) in operations)
        {
            var declaresKey = operation["security"]?.AsArray().Any(requirement => requirement!.AsObject().ContainsKey("ApiKey")) == true;
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), WithExamplePathValues(path, operation));
            // A JSON body is bound before the key is checked: without one the answer would be 400 whoever asks.
            if (operation["requestBody"]?["content"]?["application/json"] is not null)
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await _client.SendAsync(request);

            var refused = response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
            Assert.True(declaresKey == refused,
                $"{method.ToUpperInvariant()} {path}: the document {(declaresKey ? "asks" : "does not ask")} for the API key, but without one the service answered {(int)response.StatusCode}.");
            if (declaresKey)
            {
                Assert.True(operation["responses"]!.AsObject().ContainsKey("401"), $"{method} {path} needs the key but does not declare 401.");
                Assert.True(operation["responses"]!.AsObject().ContainsKey("403"), $"{method} {path} needs the key but does not declare 403.");
            }
            checkedOperations++;
        }
        Assert.Contains(operations, o => o.Operation["security"] is not null);
        Assert.Equal(operations.Count, checkedOperations);
    }

    /// <summary>"/api/briefs/{id}" with each path parameter replaced by the example the document gives it.</summary>
    private static string WithExamplePathValues(string path, JsonNode operation)
    {
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            if ((string?)parameter!["in"] != "path") continue;
            var name = (string)parameter["name"]!;
            var example = (string?)parameter["schema"]?["examples"]?[0];
            Assert.True(example is not null, $"The path parameter {name} of {path} has no example: give it an [OpenApiExample].");
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(example!), StringComparison.Ordinal);
        }
        return path;
    }

    private async Task<List<(string Path, string Method, JsonNode Operation)>> Operations()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(item => item.Key is "get" or "put" or "post" or "delete" or "patch")
                .Select(item => (path.Key, item.Key, item.Value!)))
            .ToList();
    }

    /// <summary>Indented, with "\n" line ends, so the file diffs well and compares the same on every platform.</summary>
    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
}
