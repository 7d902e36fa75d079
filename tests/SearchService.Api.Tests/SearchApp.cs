using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SearchService.Api.Tests;

/// <summary>
/// The real service over HTTP, with its index built at start-up from the fixture briefs (or another folder)
/// into a temporary folder, exactly as a first run builds it from the sample briefs. One API key is
/// configured and rate limits are off unless a test's settings say otherwise.
/// </summary>
public sealed class SearchApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789abcdef";

    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-api-").FullName;
    private readonly string _briefs;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;

    /// <summary>The app over the fixture briefs with the default test settings (the one constructor xunit fixtures need).</summary>
    public SearchApp() : this(null, null, null)
    {
    }

    private SearchApp(string? briefsFolder, IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock)
    {
        _briefs = briefsFolder ?? FixtureBriefs;
        _settings = settings ?? new Dictionary<string, string?>();
        _clock = clock;
    }

    /// <param name="briefsFolder">Briefs indexed at start-up; the fixture briefs when null.</param>
    /// <param name="settings">Configuration that overrides the defaults above (e.g. "SearchService:Limits:WritesPerWindow").</param>
    /// <param name="clock">The service's clock (what it records times with); the system's when null.</param>
    public static SearchApp With(string? briefsFolder, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null) => new(briefsFolder, settings, clock);

    public string IndexPath => Path.Combine(_folder, "index");

    /// <summary>A scratch folder that is deleted with the app.</summary>
    public string ScratchPath => _folder;

    public static string FixtureBriefs => Path.Combine(AppContext.BaseDirectory, "fixtures", "briefs");

    public static string Fixture(string fileName) => Path.Combine(FixtureBriefs, fileName);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SearchService:IndexPath", IndexPath);
        builder.UseSetting("SearchService:BriefsPath", _briefs);
        // Shared by every test app on this machine: the fixture passages are encoded once.
        builder.UseSetting("SearchService:Semantic:CachePath", Path.Combine(Path.GetTempPath(), "searchservice-test-embedding-cache"));
        builder.UseSetting("SearchService:ApiKeys:0", ApiKey);
        builder.UseSetting("SearchService:Limits:RequestsPerWindow", "0");
        builder.UseSetting("SearchService:Limits:WritesPerWindow", "0");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_clock is not null) builder.ConfigureTestServices(services => services.AddSingleton(_clock));
        builder.UseEnvironment("Testing");
    }

    /// <summary>
    /// Starts the app and waits until its index is open (the service opens it after it starts listening), so tests
    /// find the index built as a first run leaves it; the states before that are in ReadinessCheckTests.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<Hosting.IndexOpening>().Opened.GetAwaiter().GetResult();
        return host;
    }

    /// <summary>A client that sends the configured API key with every request.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>A multipart body with one file in the field "file", as a browser form or curl -F sends it.</summary>
    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    public static MultipartFormDataContent Upload(string text, string fileName) => Upload(System.Text.Encoding.UTF8.GetBytes(text), fileName);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
