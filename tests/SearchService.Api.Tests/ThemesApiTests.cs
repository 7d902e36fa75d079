using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace SearchService.Api.Tests;

public sealed class ThemesApiTests(SearchApp app) : IClassFixture<SearchApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Themes_group_matching_statements_by_brief_with_years_and_topics()
    {
        var body = await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=ai+sovereignty");

        Assert.Equal("ai sovereignty", (string?)body!["query"]);
        var first = body["briefs"]![0]!;
        Assert.Equal("navigating-ai-sovereignty", (string?)first["id"]);
        Assert.NotEmpty(first["passages"]!.AsArray());
        Assert.Contains(body["years"]!.AsArray(), y => (int)y!["year"]! == 2025);
        Assert.NotEmpty(body["topics"]!.AsArray());
    }

    [Fact]
    public async Task Csv_has_one_row_per_statement()
    {
        var response = await _client.GetAsync("/api/themes?q=ai+sovereignty&format=csv&size=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("brief_id,", lines[0]);
    }

    [Theory]
    [InlineData("/api/themes", "q is required")]
    [InlineData("/api/themes?q=x&format=xml", "format must be json or csv")]
    [InlineData("/api/themes?q=x&from=2026-01-01&to=2025-01-01", "is after")]
    [InlineData("/api/themes?q=x&from=yesterday", "from must be a date")]
    [InlineData("/api/themes?q=a&q=b&q=c&q=d&q=e", "At most 4 themes")]
    [InlineData("/api/themes/feed", "q is required")]
    [InlineData("/api/themes/feed?q=x&to=soon", "to must be a date")]
    public async Task Bad_theme_requests_are_400(string url, string expected)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
    }

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static IEnumerable<JsonNode> Passages(JsonNode briefs) => briefs.AsArray().SelectMany(b => b!["passages"]!.AsArray()).Select(p => p!);

    [Fact]
    public async Task A_theme_is_counted_per_year_and_publisher_with_key_phrases()
    {
        var body = (await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=technology&size=500"))!;

        var theme = Assert.Single(body["themes"]!.AsArray())!;
        Assert.Equal("technology", (string?)theme["query"]);
        Assert.Equal((int)body["passages"]!, (int)theme["passages"]!);
        Assert.Equal(body["briefs"]!.AsArray().Count, (int)theme["briefs"]!);
        // Per publisher, then per year within each publisher, the counts add up to the passages listed.
        var publishers = body["publishers"]!.AsArray();
        Assert.True(publishers.Count >= 2, "technology comes up in GAO's and CRS's fixture briefs");
        Assert.Equal((int)body["passages"]!, publishers.Sum(p => (int)p!["passages"]!));
        foreach (var publisher in publishers.Select(p => p!))
        {
            var listed = body["briefs"]!.AsArray().Where(b => (string?)b!["publisher"] == (string?)publisher!["publisher"]).ToList();
            Assert.Equal(listed.Count, (int)publisher["briefs"]!);
            Assert.Equal(listed.Where(b => b!["date"] is not null).Sum(b => b!["passages"]!.AsArray().Count), publisher["years"]!.AsArray().Sum(y => (int)y!["passages"]!));
        }
        Assert.All(Passages(body["briefs"]!), p => Assert.Equal("[0]", p["themes"]!.ToJsonString()));
        Assert.All(Passages(body["briefs"]!), p => Assert.False(string.IsNullOrEmpty((string?)p["id"])));
        Assert.NotEmpty(body["keyPhrases"]!.AsArray());
        Assert.Empty(body["meetings"]!.AsArray());
    }

    [Fact]
    public async Task Two_themes_are_compared_and_meet_in_passages_that_match_both()
    {
        var body = (await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=ai+sovereignty&q=compute"))!;

        Assert.Equal("[\"ai sovereignty\",\"compute\"]", body["queries"]!.ToJsonString());
        var themes = body["themes"]!.AsArray();
        Assert.Equal(["ai sovereignty", "compute"], themes.Select(t => (string?)t!["query"]));
        Assert.All(themes, t => Assert.True((int)t!["passages"]! > 0));
        // Every listed passage belongs to the themes it names, and the union counts each passage once.
        var listed = Passages(body["briefs"]!).ToList();
        Assert.Equal((int)body["passages"]!, listed.Select(p => (string?)p["id"]).Distinct().Count());
        Assert.Contains(listed, p => p["themes"]!.AsArray().Select(i => (int)i!).SequenceEqual([1]));
        var meetings = body["meetings"]!.AsArray();
        Assert.Contains(meetings, b => (string?)b!["id"] == "navigating-ai-sovereignty");
        Assert.All(Passages(meetings), p => Assert.Equal("[0,1]", p["themes"]!.ToJsonString()));
        Assert.All(Passages(meetings), p => Assert.Contains("compute", ((string?)p["plainText"])!, StringComparison.OrdinalIgnoreCase));
        // Without the word "sovereignty" a passage can only match "ai sovereignty" by meaning, and says so.
        Assert.All(listed.Concat(Passages(meetings)).Where(p => p["themes"]!.AsArray().Any(i => (int)i! == 0) && !((string?)p["plainText"])!.Contains("sovereignty", StringComparison.OrdinalIgnoreCase)),
            p => Assert.Contains(0, p["themesByMeaningOnly"]!.AsArray().Select(i => (int)i!)));
    }

    [Fact]
    public async Task A_pasted_paragraph_can_be_one_of_the_compared_themes()
    {
        // A finding of the ai@cam brief, well over 64 words: read as "statements like this text".
        var paragraph = string.Join(" ", File.ReadAllText(SearchApp.Fixture("navigating-ai-sovereignty.md")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Skip(200).Take(150));
        var response = await _client.GetAsync($"/api/themes?q={Uri.EscapeDataString(paragraph)}&q=compute&size=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(5, (int)body["themes"]![0]!["passages"]!);
        Assert.Equal("navigating-ai-sovereignty", (string?)body["briefs"]![0]!["id"]);
        Assert.Contains("urn:searchservice:brief:navigating-ai-sovereignty", await _client.GetStringAsync($"/api/themes/feed?q={Uri.EscapeDataString(paragraph)}"));
    }

    [Fact]
    public async Task A_theme_posted_in_the_body_answers_what_the_url_answers_and_bad_bodies_are_400()
    {
        var paragraph = string.Join(" ", File.ReadAllText(SearchApp.Fixture("navigating-ai-sovereignty.md")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Skip(200).Take(150));
        var fromUrl = (await _client.GetFromJsonAsync<JsonObject>($"/api/themes?q={Uri.EscapeDataString(paragraph)}&q=compute&size=5&from=2025-06"))!;

        var posted = await _client.PostAsJsonAsync("/api/themes", new { q = new[] { paragraph, "compute" }, size = 5, from = "2025-06" });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var fromBody = (await posted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEmpty(fromBody["briefs"]!.AsArray());
        fromUrl.Remove("tookMs");
        fromBody.Remove("tookMs");
        Assert.Equal(fromUrl.ToJsonString(), fromBody.ToJsonString());

        var csv = await _client.PostAsJsonAsync("/api/themes", new { q = new[] { "ai sovereignty" }, size = 3, format = "csv" });
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        foreach (var (body, expected) in new (object, string)[]
                 {
                     (new { size = 5 }, "q is required"),
                     (new { q = new[] { new string('a', 100_001) } }, "the limit is 100,000"),
                     (new { q = new[] { "x" }, from = "yesterday" }, "from must be a date"),
                 })
        {
            var response = await _client.PostAsJsonAsync("/api/themes", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString());
        }
    }

    [Fact]
    public async Task Filters_apply_to_the_counts_and_the_list_alike()
    {
        var all = (await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=technology&size=500"))!;
        var gao = (await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=technology&size=500&publisher=U.S.+Government+Accountability+Office"))!;
        var from2026 = (await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=ai+sovereignty&q=technology&size=500&from=2026"))!;
        var reports = (await _client.GetFromJsonAsync<JsonObject>("/api/themes?q=technology&size=500&type=Report"))!;

        Assert.All(gao["briefs"]!.AsArray(), b => Assert.Equal("U.S. Government Accountability Office", (string?)b!["publisher"]));
        Assert.Equal("U.S. Government Accountability Office", (string?)Assert.Single(gao["publishers"]!.AsArray())!["publisher"]);
        Assert.Equal(all["briefs"]!.AsArray().Count(b => (string?)b!["publisher"] == "U.S. Government Accountability Office"), gao["briefs"]!.AsArray().Count);
        Assert.True((int)gao["passages"]! < (int)all["passages"]!);

        // A bare year reads as its first day, as on the search page; the chart and the list lose 2025 together.
        Assert.All(from2026["years"]!.AsArray(), y => Assert.Equal(2026, (int)y!["year"]!));
        Assert.All(from2026["themes"]!.AsArray().SelectMany(t => t!["years"]!.AsArray()), y => Assert.Equal(2026, (int)y!["year"]!));
        Assert.All(from2026["briefs"]!.AsArray(), b => Assert.StartsWith("2026-", (string?)b!["date"]));
        Assert.DoesNotContain(from2026["briefs"]!.AsArray(), b => (string?)b!["id"] == "navigating-ai-sovereignty");

        Assert.NotEmpty(reports["briefs"]!.AsArray());
        Assert.All(reports["briefs"]!.AsArray(), b => Assert.Equal("Report", (string?)b!["type"]));
    }

    [Fact]
    public async Task Csv_of_a_comparison_names_the_themes_of_each_row()
    {
        var csv = await _client.GetStringAsync("/api/themes?q=ai+sovereignty&q=compute&format=csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("brief_id,brief_title,date,kind,section,score,matched_by,text,publisher,type,themes", lines[0]);
        Assert.Contains(lines, l => l.EndsWith(",\"ai sovereignty | compute\""));
        Assert.Contains(lines, l => l.EndsWith(",\"compute\""));
    }

    [Fact]
    public async Task The_feed_is_atom_with_the_newest_matching_briefs_under_stable_ids()
    {
        var response = await _client.GetAsync("/api/themes/feed?q=technology");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.StartsWith("urn:", (string?)feed.Element(Atom + "id"));
        Assert.Contains("technology", (string?)feed.Element(Atom + "title"));
        var updated = DateTimeOffset.Parse((string)feed.Element(Atom + "updated")!);
        var self = Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.EndsWith("/api/themes/feed?q=technology", (string?)self.Attribute("href"));
        Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.True(entries.Count >= 2);
        foreach (var entry in entries)
        {
            Assert.StartsWith("urn:searchservice:brief:", (string?)entry.Element(Atom + "id"));
            Assert.False(string.IsNullOrWhiteSpace((string?)entry.Element(Atom + "title")));
            Assert.False(string.IsNullOrWhiteSpace((string?)entry.Element(Atom + "summary")));
            var link = Assert.Single(entry.Elements(Atom + "link"));
            Assert.True(Uri.TryCreate((string?)link.Attribute("href"), UriKind.Absolute, out var href));
            Assert.StartsWith("/brief.html", href.AbsolutePath);
            DateTimeOffset.Parse((string)entry.Element(Atom + "updated")!);
        }
        var dates = entries.Select(e => DateTimeOffset.Parse((string)e.Element(Atom + "updated")!)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal(dates[0], updated);

        // The same brief keeps its entry id on every read and in another theme's feed.
        var again = XDocument.Parse(await _client.GetStringAsync("/api/themes/feed?q=quantum")).Root!;
        var quantumEntry = again.Elements(Atom + "entry").Single(e => (string?)e.Element(Atom + "title") == "Quantum Computing: Updating the National Strategy Could Promote U.S. Leadership");
        Assert.Contains(entries, e => (string?)e.Element(Atom + "id") == (string?)quantumEntry.Element(Atom + "id"));
    }

    [Fact]
    public async Task The_themes_page_names_the_feed_of_its_theme_for_feed_readers()
    {
        var response = await _client.GetAsync("/themes?q=AI+sovereignty&q=compute&publisher=X");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("rel=\"alternate\" type=\"application/atom+xml\"", html);
        Assert.Contains("href=\"/api/themes/feed?q=AI%20sovereignty&amp;q=compute&amp;publisher=X\"", html);
    }
}
