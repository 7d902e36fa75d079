using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using SearchService.Api.Hosting;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Api.Tests;

/// <summary>
/// The readiness checks in the states a service passes through, each reached for real on an index of the fixture
/// briefs: not ready while the index opens and once stopping; "Degraded" with the reason while briefs wait for
/// vectors or related lists wait to be compared and computed; healthy when that is done.
/// </summary>
public sealed class ReadinessCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-readiness-").FullName;

    /// <summary>An index of the fixture briefs, as text only (passages without vectors) when given an embedder.</summary>
    private LiveIndex OpenFixtureIndex(PassageEmbedder? embedder = null)
    {
        var index = LiveIndex.Open(Path.Combine(_folder, "index"), embedder);
        using var lease = index.Acquire();
        BriefIngestor.Ingest(lease.Index, [SearchApp.FixtureBriefs]);
        lease.Index.Commit();
        return index;
    }

    private static IServiceProvider Services(LiveIndex index) => new ServiceCollection()
        .AddSingleton(index)
        .AddSingleton(new EmbeddingBackfill(index))
        .AddSingleton(RelatedModel.None)
        .BuildServiceProvider();

    private static IndexOpening Opened(LiveIndex index)
    {
        var opening = new IndexOpening();
        opening.Succeeded(index);
        return opening;
    }

    private static Task<HealthCheckResult> Check(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task Not_ready_while_the_index_is_being_opened()
    {
        var result = await Check(new IndexReadinessCheck(new IndexOpening(), new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance)));
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("being opened", result.Description);
    }

    [Fact]
    public async Task Not_ready_when_the_index_could_not_be_opened_and_says_why()
    {
        var opening = new IndexOpening();
        opening.Failed(new IOException("Lock obtain timed out: the index is used by another process"));
        var result = await Check(new IndexReadinessCheck(opening, new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance)));
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("used by another process", result.Description);
    }

    [Fact]
    public async Task Ready_with_the_index_open_and_not_once_the_service_is_stopping()
    {
        using var index = OpenFixtureIndex();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var check = new IndexReadinessCheck(Opened(index), lifetime);
        Assert.Equal(HealthStatus.Healthy, (await Check(check)).Status);

        lifetime.StopApplication();
        var stopping = await Check(check);
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
        Assert.Contains("stopping", stopping.Description);
    }

    [Fact]
    public async Task Degraded_until_related_lists_are_compared_and_computed_then_healthy()
    {
        using var index = OpenFixtureIndex();
        var services = Services(index);
        var check = new BackgroundCatchUpCheck(Opened(index), services);

        var waiting = await Check(check);
        Assert.Equal(HealthStatus.Degraded, waiting.Status);
        Assert.Contains("related lists are not yet compared", waiting.Description);

        RelatedLists lists;
        using (var lease = index.Acquire()) lists = RelatedLists.For(lease.Index, RelatedModel.None);
        lists.Start();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!lists.Scanned || lists.Pending > 0) await Task.Delay(20, guard.Token);

        var done = await Check(check);
        Assert.Equal(HealthStatus.Healthy, done.Status);
        Assert.Equal(0, done.Data["relatedPending"]);
    }

    [Fact]
    public async Task Degraded_while_briefs_wait_for_vectors()
    {
        using var encoder = TextEncoders.Create(TextEncoders.MiniLm);
        using var cache = new EmbeddingCache(Path.Combine(_folder, "embedding-cache"), encoder.ModelName, encoder.Dimensions);
        var embedder = new PassageEmbedder(encoder, cache);
        using var index = OpenFixtureIndex(embedder);
        var services = Services(index);
        // A background embedding stopped before its first batch (the service was stopping) leaves every brief pending.
        var backfill = services.GetRequiredService<EmbeddingBackfill>();
        Assert.Throws<OperationCanceledException>(() => backfill.Run(cancellationToken: new CancellationToken(canceled: true)));

        var result = await Check(new BackgroundCatchUpCheck(Opened(index), services));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("5 briefs still to embed", result.Description);
        Assert.Equal(5, result.Data["embeddingPending"]);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
