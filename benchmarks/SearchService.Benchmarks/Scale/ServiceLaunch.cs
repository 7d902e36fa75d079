using System.Net;
using System.Net.Sockets;

namespace SearchService.Benchmarks.Scale;

/// <summary>How the service is started for one corpus: its assembly, working directory, port and environment.</summary>
public sealed record ServiceLaunch(string Assembly, string WorkingDirectory, int Port, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Names of the variables whose values are secrets, left out of printed commands.</summary>
    private const string ApiKeyVariable = "SearchService__ApiKeys__0";

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string ApiKey => Environment[ApiKeyVariable];

    /// <summary>
    /// The environment of a run: the corpus's index, briefs and embedding cache, no rate limits (0 means none), a
    /// fresh API key for the writes, the related model by absolute path, a free local port, and the published
    /// folder as content root so the service reads the appsettings.json it ships with. The result and query-vector
    /// caches are off (every request computed) unless <c>cachesOn</c> keeps them as shipped.
    /// </summary>
    public static ServiceLaunch For(string assembly, string repositoryRoot, string indexFolder, string briefsFolder, string cacheFolder, string apiKey, bool cachesOn = false)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SearchService__IndexPath"] = indexFolder,
            ["SearchService__BriefsPath"] = briefsFolder,
            ["SearchService__Semantic__CachePath"] = cacheFolder,
            ["SearchService__Limits__RequestsPerWindow"] = "0",
            ["SearchService__Limits__WritesPerWindow"] = "0",
            // Every request computed: the load rotates ~200 paths, which the result and query-vector caches would
            // otherwise answer from memory after the first pass (the repeated-query case is measured separately).
            ["SearchService__ResultCacheEntries"] = "0",
            ["SearchService__QueryVectorCacheEntries"] = "0",
            [ApiKeyVariable] = apiKey,
            ["Related__ModelPath"] = Path.Combine(repositoryRoot, "models", "related"),
            ["Urls"] = $"http://127.0.0.1:{port}",
            // The content root defaults to the working directory (the repository root), where the service's
            // appsettings.json is not: without this it runs without its shipped settings, logging every request.
            ["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(assembly)!,
        };
        if (cachesOn)
        {
            environment.Remove("SearchService__ResultCacheEntries");
            environment.Remove("SearchService__QueryVectorCacheEntries");
        }
        return new ServiceLaunch(assembly, repositoryRoot, port, environment);
    }

    /// <summary>The command as a person would type it, with the API key replaced by a placeholder.</summary>
    public string CommandLine =>
        $"cd {WorkingDirectory} && " +
        string.Join(" ", Environment.Select(e => $"{e.Key}={(e.Key == ApiKeyVariable ? "<random key>" : e.Value)}")) +
        $" dotnet {Assembly}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
