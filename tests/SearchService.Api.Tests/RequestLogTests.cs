using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchService.Api.Hosting;

namespace SearchService.Api.Tests;

/// <summary>
/// With <c>Logging:LogLevel:SearchService.Requests</c> at Debug, each request writes one line whose properties hold
/// its route, status and time, and for a search each stage's time; at the default Information level, none.
/// </summary>
public sealed class RequestLogTests
{
    /// <summary>The log lines the service writes, with their structured properties, as any logging provider receives them.</summary>
    private sealed class CollectedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, IReadOnlyDictionary<string, object?> Properties)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public IReadOnlyList<IReadOnlyDictionary<string, object?>> Requests(string route) =>
            Lines.Where(l => l.Category == RequestLog.Category && ((string?)l.Properties.GetValueOrDefault("Route"))?.TrimEnd('/') == route).Select(l => l.Properties).ToList();

        public void Dispose()
        {
        }

        private sealed class Collector(CollectedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                logs.Lines.Enqueue((category, logLevel, properties.ToDictionary(p => p.Key, p => p.Value)));
            }
        }
    }

    private static async Task<(SearchApp App, HttpClient Client, CollectedLogs Logs)> Start(Dictionary<string, string?> settings)
    {
        var logs = new CollectedLogs();
        var app = SearchApp.With(null, settings);
        var client = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs))).CreateClient();
        // Answered once the index is open; what the tests look at comes after.
        (await client.GetAsync("/health")).EnsureSuccessStatusCode();
        return (app, client, logs);
    }

    [Fact]
    public async Task At_debug_a_search_writes_one_line_with_each_stage_as_a_property()
    {
        var (app, client, logs) = await Start(new() { ["Logging:LogLevel:SearchService.Requests"] = "Debug" });
        await using (app)
        {
            (await client.GetAsync("/api/search?q=quantum&mode=keyword")).EnsureSuccessStatusCode();
            (await client.GetAsync("/api/search?q=quantum&mode=keyword")).EnsureSuccessStatusCode();
            (await client.GetAsync("/api/briefs/gao-26-107759")).EnsureSuccessStatusCode();

            var searches = logs.Requests("/api/search");
            Assert.Equal(2, searches.Count);
            var computed = searches[0];
            Assert.Equal("GET", computed["Method"]);
            Assert.Equal(200, computed["Status"]);
            Assert.Equal("keyword", computed["Mode"]);
            Assert.Equal(false, computed["FromCache"]);
            Assert.IsType<double>(computed["ElapsedMs"]);
            foreach (var stage in new[] { "KeywordMs", "SpellingMs", "FacetsMs", "SnippetsMs" }) Assert.IsType<double>(computed[stage]);
            // Stages a keyword search does not run are absent values, not zeros.
            foreach (var stage in new[] { "EncodeMs", "VectorsMs", "FusionMs" }) Assert.Null(computed[stage]);

            var cached = searches[1];
            Assert.Equal(true, cached["FromCache"]);
            Assert.Null(cached["KeywordMs"]);

            var brief = Assert.Single(logs.Requests("/api/briefs/{id}"));
            Assert.Equal(200, brief["Status"]);
            Assert.False(brief.ContainsKey("Mode"));
        }
    }

    [Fact]
    public async Task At_the_default_level_no_request_is_logged()
    {
        var (app, client, logs) = await Start([]);
        await using (app)
        {
            (await client.GetAsync("/api/search?q=quantum&mode=keyword")).EnsureSuccessStatusCode();
            Assert.DoesNotContain(logs.Lines, l => l.Category == RequestLog.Category);
            // The service does log at Information (start-up, related lists): the collector hears it.
            Assert.Contains(logs.Lines, l => l.Level == LogLevel.Information);
        }
    }
}
