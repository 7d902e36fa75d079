using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using SearchService.Api.Hosting;

namespace SearchService.Api.Tests;

/// <summary>The page and widgets served next to the API, and the CORS policy that lets configured sites embed the widgets.</summary>
public sealed class SearchSiteTests(SearchApp app, SearchSiteTests.PartnerApp partnerApp) : IClassFixture<SearchApp>, IClassFixture<SearchSiteTests.PartnerApp>, IDisposable
{
    private const string Partner = "https://partner.example";

    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-cors-").FullName;

    [Theory]
    [InlineData("/", "text/html", "id=\"q\"")]
    [InlineData("/brief.html", "text/html", "data-searchservice-related")]
    [InlineData("/widgets/search.js", "text/javascript", "attachSuggestions")]
    [InlineData("/widgets/related.js", "text/javascript", "renderRelated")]
    [InlineData("/widgets/widgets.css", "text/css", ".ssw-listbox")]
    public async Task The_page_and_widgets_are_served(string path, string mediaType, string content)
    {
        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_forbid_inline_script()
    {
        var response = await app.CreateClient().GetAsync("/");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
    }

    [Fact]
    public async Task A_configured_origin_may_read_the_api_and_others_may_not()
    {
        var client = partnerApp.Factory.CreateClient();

        var allowed = await client.SendAsync(Get("/api/briefs/gao-26-107551/related", Partner));
        var other = await client.SendAsync(Get("/api/briefs/gao-26-107551/related", "https://elsewhere.example"));

        Assert.Equal(Partner, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_configuration_no_other_site_may_read_the_api()
    {
        var response = await app.CreateClient().SendAsync(Get("/api/search?q=quantum", Partner));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("POST", false)]
    [InlineData("DELETE", false)]
    public async Task Only_reads_pass_a_preflight(string method, bool allowed)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/search?q=quantum");
        preflight.Headers.Add("Origin", Partner);
        preflight.Headers.Add("Access-Control-Request-Method", method);

        var response = await partnerApp.Factory.CreateClient().SendAsync(preflight);

        var methods = response.Headers.TryGetValues("Access-Control-Allow-Methods", out var values) ? string.Join(",", values) : "";
        Assert.Equal(allowed, methods.Contains(method, StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_that_is_not_an_origin_stops_start_up_and_says_how_to_write_it()
    {
        using var configured = WithAllowedOrigin("https://partner.example/");

        var error = Assert.Throws<OptionsValidationException>(() => configured.CreateClient());
        Assert.Contains("\"https://partner.example/\", which is not an origin", error.Message);
        Assert.Contains("https://www.example.org", error.Message);
    }

    [Theory]
    [InlineData("https://partner.example", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("*", true)]
    [InlineData("https://partner.example/", false)]
    [InlineData("https://partner.example/briefs", false)]
    [InlineData("https://partner.example?x=1", false)]
    [InlineData("partner.example", false)]
    [InlineData("ftp://partner.example", false)]
    public void Allowed_origins_are_scheme_host_and_port(string origin, bool valid)
    {
        var options = new CrossOriginOptions { AllowedOrigins = [origin] };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Equal(valid, errors.Count == 0);
    }

    /// <summary>The service with one allowed origin, over its own copy of the index (the fixture's holds the write lock).</summary>
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithAllowedOrigin(string origin) =>
        app.WithWebHostBuilder(b => b
            .UseSetting("SearchService:Cors:AllowedOrigins:0", origin)
            .UseSetting("SearchService:IndexPath", Path.Combine(_folder, Guid.NewGuid().ToString("n"))));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }

    /// <summary>The service with <see cref="Partner"/> allowed, over its own index (the other fixture's holds the write lock).</summary>
    /// <remarks><see cref="IAsyncLifetime"/>: xunit 2 never disposes a fixture that is only <see cref="IAsyncDisposable"/>.</remarks>
    public sealed class PartnerApp : IAsyncLifetime
    {
        private readonly SearchApp _app = new();

        public PartnerApp() => Factory = _app.WithWebHostBuilder(b => b
            .UseSetting("SearchService:Cors:AllowedOrigins:0", Partner)
            .UseSetting("SearchService:IndexPath", Path.Combine(_app.IndexPath, "partner")));

        public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory { get; }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _app.DisposeAsync();
        }
    }

    private static HttpRequestMessage Get(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return request;
    }
}
