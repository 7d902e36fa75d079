using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SearchService.Api.Tests;

/// <summary>
/// The real service over HTTP, with its index built at start-up from the fixture briefs into a
/// temporary folder, exactly as a first run builds it from the sample briefs.
/// </summary>
public sealed class SearchApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-api-").FullName;

    public string IndexPath => Path.Combine(_folder, "index");

    public static string FixtureBriefs => Path.Combine(AppContext.BaseDirectory, "fixtures", "briefs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SearchService:IndexPath", IndexPath);
        builder.UseSetting("SearchService:BriefsPath", FixtureBriefs);
        // Shared by every test app on this machine: the fixture passages are encoded once.
        builder.UseSetting("SearchService:Semantic:CachePath", Path.Combine(Path.GetTempPath(), "searchservice-test-embedding-cache"));
        builder.UseEnvironment("Testing");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}
