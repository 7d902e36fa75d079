using SearchService.Client;

namespace SearchService.Api.Tests;

/// <summary>
/// The service through the client generated from openapi/v1.json: if the published contract and what the service
/// does drift apart (a field renamed, a status code not declared, a key not asked for), these calls fail.
/// Runs on the app of four fixture briefs, so the fifth can be uploaded.
/// </summary>
public sealed class TypedClientTests(WriteApp fixture) : IClassFixture<WriteApp>
{
    private readonly SearchServiceClient _reader = new(fixture.App.CreateClient());
    private readonly SearchServiceClient _admin = new(fixture.App.CreateAdminClient());

    [Fact]
    public async Task Search_answers_with_typed_hits_snippets_and_facets()
    {
        var results = await _reader.SearchBriefsAsync(q: "AI sovereignty", mode: "keyword", tags: null, authors: null, type: null, publisher: null,
            from: null, to: null, sort: null, boost: null, page: 1, size: 10, interim: true);

        Assert.Equal("navigating-ai-sovereignty", results.Hits[0].Id);
        Assert.Equal("Navigating AI Sovereignty: Strategic Choices for the UK", results.Hits[0].Title);
        Assert.Contains("<mark>", results.Hits[0].Snippets[0]);
        Assert.Contains(results.Facets.Tags, tag => tag.Value == "Policy Brief" && tag.Count >= 1);
    }

    [Fact]
    public async Task Related_briefs_come_with_scores_and_reasons()
    {
        var answer = await _reader.GetRelatedBriefsAsync("gao-26-107551", k: 3);

        Assert.Equal("gao-26-107551", answer.Id);
        Assert.InRange(answer.Related.Count, 1, 3);
        Assert.DoesNotContain(answer.Related, r => r.Id == "gao-26-107551");
        Assert.All(answer.Related, r => Assert.NotEmpty(r.Reasons));
    }

    [Fact]
    public async Task Suggest_completes_a_phrase_being_typed()
    {
        var answer = await _reader.SuggestAsync("ai sove", size: 5);

        Assert.Equal("AI sovereignty", answer.Suggestions[0].Text);
        Assert.Equal("phrase", answer.Suggestions[0].Kind);
    }

    [Fact]
    public async Task An_upload_with_the_key_creates_a_brief_the_client_can_read_back()
    {
        await using var file = File.OpenRead(SearchApp.Fixture("gao-26-107815.md"));

        var written = await _admin.UploadBriefAsync(new FileParameter(file, "gao-26-107815.md", "text/markdown"));

        Assert.Equal("gao-26-107815", written.Id);
        Assert.Equal("created", written.Status);
        var brief = await _reader.GetBriefAsync("gao-26-107815");
        Assert.Equal("Ukraine Funding: HHS Allocation and Oversight of Refugee Assistance", brief.Title);
        Assert.NotEmpty(brief.Sections!);
    }

    [Fact]
    public async Task A_brief_reads_with_its_sections_roles_by_name()
    {
        var brief = await _reader.GetBriefAsync("navigating-ai-sovereignty");

        Assert.Equal(SectionRole.Findings, brief.Sections!.Single(s => s.Heading == "Key Findings").Role);
    }

    [Fact]
    public async Task An_admin_call_without_the_key_is_refused_with_the_problem_the_document_declares()
    {
        var refused = await Assert.ThrowsAsync<SearchServiceException<ProblemDetails>>(() => _reader.GetReindexStatusAsync());

        Assert.Equal(401, refused.StatusCode);
        Assert.Equal("API key required", refused.Result.Title);
        Assert.Contains("X-Api-Key", refused.Result.Detail);
        var status = await _admin.GetReindexStatusAsync();
        Assert.NotNull(status);
    }

    [Fact]
    public async Task A_missing_brief_is_a_typed_404()
    {
        var missing = await Assert.ThrowsAsync<SearchServiceException<ProblemDetails>>(() => _reader.GetBriefAsync("no-such-brief"));

        Assert.Equal(404, missing.StatusCode);
        Assert.Contains("no-such-brief", missing.Result.Detail);
    }
}
