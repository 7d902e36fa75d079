using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>An app started from four of the five fixture briefs, so the fifth can be uploaded as a new brief.</summary>
/// <remarks>
/// <see cref="IAsyncLifetime"/>, not <see cref="IAsyncDisposable"/>: xunit 2 never disposes a fixture that is only the
/// latter, and the app would live on beside later tests (its meters in their /metrics).
/// </remarks>
public sealed class WriteApp : IAsyncLifetime
{
    private readonly BriefFolder _briefs = BriefFolder.WithFixtures(
        "navigating-ai-sovereignty.md", "gao-26-107551.md", "gao-26-107759.md", "IF11783v7-biometric-technologies-and-global-security.md");

    public WriteApp() => App = SearchApp.With(_briefs.Path);

    public SearchApp App { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _briefs.Dispose();
    }
}

public sealed class WriteApiTests(WriteApp fixture) : IClassFixture<WriteApp>
{
    private readonly HttpClient _admin = fixture.App.CreateAdminClient();
    private readonly HttpClient _reader = fixture.App.CreateClient();

    private static byte[] Seed => File.ReadAllBytes(SearchApp.Fixture("navigating-ai-sovereignty.md"));

    private static byte[] SeedWith(string extraParagraph) => [.. Seed, .. Encoding.UTF8.GetBytes($"\n\n## Annex\n\n{extraParagraph}\n")];

    private async Task<long> SearchTotal(string query) =>
        (long)(await _reader.GetFromJsonAsync<JsonObject>($"/api/search?q={Uri.EscapeDataString(query)}"))!["total"]!;

    private static async Task<JsonObject> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task An_uploaded_brief_is_created_and_seen_at_once_by_get_search_related_and_list()
    {
        var listed = (int)(await _reader.GetFromJsonAsync<JsonObject>("/api/briefs"))!["total"]!;

        var response = await _admin.PostAsync("/api/briefs", SearchApp.Upload(File.ReadAllBytes(SearchApp.Fixture("gao-26-107815.md")), "gao-26-107815.md"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/briefs/gao-26-107815", response.Headers.Location?.OriginalString);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("gao-26-107815", (string?)body!["id"]);
        Assert.Equal("created", (string?)body["status"]);
        Assert.Equal(64, ((string?)body["contentHash"])!.Length);

        var brief = await _reader.GetFromJsonAsync<JsonObject>(response.Headers.Location);
        Assert.Equal("Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance", (string?)brief!["title"]);
        var hits = (await _reader.GetFromJsonAsync<JsonObject>("/api/search?q=ukrainian+humanitarian+parole"))!["hits"]!.AsArray();
        Assert.Equal("gao-26-107815", (string?)hits[0]!["id"]);
        var related = await _reader.GetFromJsonAsync<JsonObject>("/api/briefs/gao-26-107815/related?k=3");
        Assert.NotEmpty(related!["related"]!.AsArray());
        Assert.Equal(listed + 1, (int)(await _reader.GetFromJsonAsync<JsonObject>("/api/briefs"))!["total"]!);
    }

    [Fact]
    public async Task Repeating_an_upload_changes_nothing_and_new_content_updates_the_brief()
    {
        var first = await _admin.PostAsync("/api/briefs", SearchApp.Upload(Seed, "repeat-me.md"));
        var again = await _admin.PostAsync("/api/briefs", SearchApp.Upload(Seed, "repeat-me.md"));
        var changed = await _admin.PostAsync("/api/briefs", SearchApp.Upload(SeedWith("Kelpwatch monitors seaweed farms."), "repeat-me.md"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", (string?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("updated", (string?)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        Assert.Equal(1, await SearchTotal("kelpwatch"));

        var reverted = await _admin.PostAsync("/api/briefs", SearchApp.Upload(Seed, "repeat-me.md"));
        Assert.Equal("updated", (string?)(await reverted.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        Assert.Equal(0, await SearchTotal("kelpwatch"));
    }

    [Fact]
    public async Task Put_replaces_a_brief_under_the_id_in_the_url()
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsync("/api/briefs", SearchApp.Upload(Seed, "put-target.md"))).StatusCode);

        var response = await _admin.PutAsync("/api/briefs/put-target",
            SearchApp.Upload(SeedWith("Glaciologists track the Thwaites ice shelf."), "some-other-name.md"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("put-target", (string?)body!["id"]);
        Assert.Equal("updated", (string?)body["status"]);
        var hits = (await _reader.GetFromJsonAsync<JsonObject>("/api/search?q=thwaites"))!["hits"]!.AsArray();
        Assert.Equal("put-target", (string?)Assert.Single(hits)!["id"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/api/briefs/some-other-name")).StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_brief_from_get_search_and_related()
    {
        await _admin.PostAsync("/api/briefs", SearchApp.Upload(SeedWith("Permafrost thaw reshapes Arctic roads."), "delete-me.md"));
        Assert.Equal(1, await SearchTotal("permafrost"));

        var deleted = await _admin.DeleteAsync("/api/briefs/delete-me");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await SearchTotal("permafrost"));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/api/briefs/delete-me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/api/briefs/delete-me/related")).StatusCode);
        var related = await _reader.GetFromJsonAsync<JsonObject>("/api/briefs/navigating-ai-sovereignty/related?k=50");
        Assert.DoesNotContain(related!["related"]!.AsArray(), r => (string?)r!["id"] == "delete-me");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Changing_an_unknown_id_is_a_404_problem(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/briefs/no-such-brief")
        {
            Content = method == "PUT" ? SearchApp.Upload(Seed, "x.md") : null,
        };

        var response = await _admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-brief", (string?)(await Problem(response))["detail"]);
    }

    public static TheoryData<string, HttpContent, HttpStatusCode, string> BadUploads => new()
    {
        { "JSON instead of a form", JsonContent.Create(new { title = "x" }), HttpStatusCode.UnsupportedMediaType, "multipart/form-data" },
        { "no body", new ByteArrayContent([]), HttpStatusCode.UnsupportedMediaType, "no Content-Type" },
        { "wrong field name", SearchApp.Upload(Encoding.UTF8.GetBytes("# Title\n\nText."), "a.md", field: "document"), HttpStatusCode.BadRequest, "field named 'file'" },
        { "empty file", SearchApp.Upload([], "empty.md"), HttpStatusCode.BadRequest, "is empty" },
        { "executable", SearchApp.Upload(Encoding.UTF8.GetBytes("MZ"), "tool.exe"), HttpStatusCode.UnsupportedMediaType, "'tool.exe' is not a brief file" },
        { "no extension", SearchApp.Upload(Encoding.UTF8.GetBytes("# Title\n\nText."), "README"), HttpStatusCode.UnsupportedMediaType, "not a brief file" },
        { "malformed YAML", SearchApp.Upload("---\ntitle: [broken\n---\nBody", "bad.md"), HttpStatusCode.BadRequest, "malformed YAML" },
        { "zip renamed .md", SearchApp.Upload([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], "archive.md"), HttpStatusCode.BadRequest, "binary" },
        { "invalid UTF-8", SearchApp.Upload([0x23, 0x20, 0xFF, 0xFE, 0x0A], "latin.md"), HttpStatusCode.BadRequest, "UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_uploads_are_refused_with_a_problem_that_says_why(string _, HttpContent content, HttpStatusCode status, string reason)
    {
        var response = await _admin.PostAsync("/api/briefs", content);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, (string?)(await Problem(response))["detail"]);
    }

    [Fact]
    public async Task Two_files_in_one_upload_are_refused()
    {
        var content = SearchApp.Upload(Seed, "one.md");
        content.Add(new ByteArrayContent(Seed), "file", "two.md");

        var response = await _admin.PostAsync("/api/briefs", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exactly one file", (string?)(await Problem(response))["detail"]);
    }

    [Theory]
    [InlineData("../../../etc/passwd.md", "passwd", "passwd.md")]
    [InlineData("..\\..\\windows\\evil brief.md", "evil-brief", "evil brief.md")]
    [InlineData("/tmp/\u202Edm.exe.md", "dm.exe", "dm.exe.md")]
    public async Task A_path_in_the_uploaded_file_name_is_reduced_to_a_plain_name(string sent, string id, string source)
    {
        var response = await _admin.PostAsync("/api/briefs", SearchApp.Upload(SeedWith($"Marker {id}."), sent));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var brief = await _reader.GetFromJsonAsync<JsonObject>($"/api/briefs/{id}");
        Assert.Equal(source, (string?)brief!["source"]);
        await _admin.DeleteAsync($"/api/briefs/{id}");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_write_and_admin_endpoints()
    {
        var document = await _reader.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();

        Assert.NotNull(paths["/api/briefs"]!["post"]);
        Assert.NotNull(paths["/api/briefs/{id}"]!["put"]);
        Assert.NotNull(paths["/api/briefs/{id}"]!["delete"]);
        Assert.NotNull(paths["/api/admin/reindex"]!["post"]);
        Assert.NotNull(paths["/api/briefs"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]);
    }
}
