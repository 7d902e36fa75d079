using System.Text.Json.Nodes;

namespace SearchService.Api.Tests;

/// <summary>
/// A large first build (forced here with a threshold of 0 files) serves keyword search once the text is indexed,
/// embeds in the background, and a process killed mid-embedding resumes on restart instead of starting again.
/// </summary>
public sealed class BackgroundBuildTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-background-build-").FullName;

    /// <summary>The repository's 20 sample briefs: more than one batch of briefs embedded per commit.</summary>
    private static string SampleBriefs => Core.RepositoryPaths.Resolve(Path.Combine("index", "briefs"));

    private Dictionary<string, string> Settings => new()
    {
        ["SearchService:IndexPath"] = Path.Combine(_folder, "index"),
        ["SearchService:BriefsPath"] = SampleBriefs,
        ["SearchService:Semantic:CachePath"] = Path.Combine(_folder, "embedding-cache"),
        ["SearchService:Semantic:Encoder"] = "minilm",
        ["SearchService:TextFirstAboveFiles"] = "0",
        ["SearchService:Limits:RequestsPerWindow"] = "0",
    };

    [Fact]
    public async Task Keyword_search_answers_while_embedding_runs_and_a_killed_embedding_resumes_from_where_it_stopped()
    {
        int total;
        using (var first = ServiceProcess.Start(Settings))
        {
            // Killed once one batch of briefs holds vectors and others still wait.
            var health = await first.HealthWhen(h => (int)h["embedding"]!["done"]! >= 16 && (int)h["embedding"]!["pending"]! > 0);
            total = (int)health["briefs"]!;
            var search = JsonNode.Parse(await first.Client.GetStringAsync("/api/search?q=quantum&mode=keyword"))!;
            Assert.True((int)search["total"]! > 0);
            first.Kill();
        }

        using var second = ServiceProcess.Start(Settings);
        var resumed = await second.HealthWhen(h => !(bool)h["embedding"]!["running"]! && (int)h["embedding"]!["pending"]! == 0 && (int)h["embedding"]!["done"]! > 0);
        Assert.Equal(total, (int)resumed["briefs"]!);
        // Briefs embedded before the kill are not embedded again.
        Assert.InRange((int)resumed["embedding"]!["done"]!, 1, total - 16);
        var semantic = JsonNode.Parse(await second.Client.GetStringAsync("/api/search?q=national+control+over+artificial+intelligence+capabilities&mode=semantic"))!;
        Assert.Equal("navigating-ai-sovereignty", (string)semantic["hits"]![0]!["id"]!);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
