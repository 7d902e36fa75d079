using SearchService.Core.Semantic;

namespace SearchService.Core.Tests.Semantic;

/// <summary>
/// The embedding cache is one file that test suites, a service and CLI commands may all write at once: nothing one
/// writer adds may be lost to another.
/// </summary>
public sealed class EmbeddingCacheTests : IDisposable
{
    private const string Model = "cache-test-model";
    private const int Dimensions = 8;
    private readonly TempFolder _folder = new();

    [Fact]
    public void Two_caches_on_one_file_writing_at_once_lose_nothing()
    {
        const int writers = 2, threadsEach = 3, batches = 40, batchSize = 25;
        var caches = Enumerable.Range(0, writers).Select(_ => new EmbeddingCache(_folder.Path, Model, Dimensions)).ToArray();
        try
        {
            Parallel.For(0, writers * threadsEach, new ParallelOptions { MaxDegreeOfParallelism = writers * threadsEach }, thread =>
            {
                var cache = caches[thread % writers];
                for (var batch = 0; batch < batches; batch++)
                {
                    var texts = Enumerable.Range(0, batchSize).Select(i => Text(thread, batch, i)).ToList();
                    cache.AddRange(texts, texts.Select(VectorOf).ToList());
                }
            });
        }
        finally
        {
            foreach (var cache in caches) cache.Dispose();
        }

        using var reader = new EmbeddingCache(_folder.Path, Model, Dimensions);
        Assert.Equal(writers * threadsEach * batches * batchSize, reader.Count);
        var texts = Enumerable.Range(0, writers * threadsEach).SelectMany(t => Enumerable.Range(0, batches).Select(b => Text(t, b, batchSize - 1))).ToList();
        var vectors = reader.GetMany(texts);
        Assert.All(texts.Zip(vectors), pair => Assert.Equal(VectorOf(pair.First), pair.Second));
    }

    [Fact]
    public void A_text_added_twice_by_two_writers_is_kept_once_with_its_vector()
    {
        using var first = new EmbeddingCache(_folder.Path, Model, Dimensions);
        using var second = new EmbeddingCache(_folder.Path, Model, Dimensions);
        first.AddRange(["the same passage"], [VectorOf("the same passage")]);
        second.AddRange(["the same passage", "another passage"], [VectorOf("the same passage"), VectorOf("another passage")]);

        Assert.Equal(2, first.Count);
        Assert.Equal(VectorOf("another passage"), first.Get("another passage"));
    }

    private static string Text(int thread, int batch, int item) => $"passage {item} of batch {batch} written by thread {thread}";

    /// <summary>A vector that differs for each text, so a vector stored under another text's key would show.</summary>
    private static float[] VectorOf(string text)
    {
        var hash = text.GetHashCode(StringComparison.Ordinal);
        return Enumerable.Range(0, Dimensions).Select(i => (float)(hash ^ (i * 7919)) / int.MaxValue).ToArray();
    }

    public void Dispose() => _folder.Dispose();
}
