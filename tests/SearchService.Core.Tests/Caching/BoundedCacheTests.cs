using SearchService.Core.Caching;

namespace SearchService.Core.Tests.Caching;

public sealed class BoundedCacheTests
{
    [Fact]
    public void A_full_cache_drops_the_least_recently_used_entries_and_keeps_the_ones_just_read()
    {
        var cache = new BoundedCache<string, int>(capacity: 4, StringComparer.Ordinal);
        foreach (var (key, value) in new[] { ("a", 1), ("b", 2), ("c", 3), ("d", 4) }) cache.Set(key, value);
        Assert.True(cache.TryGet("a", out _)); // read last: the most recently used of the first four

        cache.Set("e", 5);

        Assert.InRange(cache.Count, 1, cache.Capacity);
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.True(cache.TryGet("e", out _));
        Assert.False(cache.TryGet("b", out _));
    }

    [Fact]
    public void Many_more_keys_than_the_capacity_never_grow_it_past_the_capacity()
    {
        var cache = new BoundedCache<int, int>(capacity: 100);
        Parallel.For(0, 10_000, i => cache.Set(i, i));
        Assert.InRange(cache.Count, 1, cache.Capacity);
    }

    [Fact]
    public void A_cache_of_no_entries_keeps_nothing()
    {
        var cache = new BoundedCache<string, int>(capacity: 0);
        cache.Set("a", 1);
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }
}
