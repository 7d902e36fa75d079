using System.Text;
using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>Web pages: only the main content is read, headings stay headings, meta tags are metadata.</summary>
public sealed class HtmlExtractionTests
{
    private const string PolicyPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Flood Defences for River Towns | Institute for Water Policy</title>
          <meta property="og:title" content="Flood Defences for River Towns">
          <meta name="description" content="River towns flood more often; this brief sets out what councils and government should fund first.">
          <meta property="article:published_time" content="2024-03-05T09:30:00Z">
          <meta name="keywords" content="flooding, infrastructure, local government">
          <meta name="author" content="Ada Rivers">
          <meta property="og:site_name" content="Institute for Water Policy">
          <link rel="canonical" href="https://water.example.org/briefs/flood-defences">
          <style>.cookie-banner { position: fixed }</style>
          <script>window.dataLayer = [{ event: "tracking-pixel-loaded" }];</script>
        </head>
        <body>
          <div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button></div>
          <header class="site-header"><a href="/">Institute for Water Policy</a><nav><a href="/about">About us</a> <a href="/donate">Donate today</a></nav></header>
          <nav aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/briefs">Briefs</a></nav>
          <main>
            <article>
              <h1>Flood Defences for River Towns</h1>
              <p>Towns along the lower river have flooded three times in ten years, and the cost of each flood has doubled.</p>
              <h2>Key Findings</h2>
              <ul>
                <li>Flood frequency on the lower river has tripled since 1990.</li>
                <li>Each pound spent on defences saves seven in <em>recovery</em> costs.
                  <ul><li>Savings are largest where homes sit on the flood plain.</li></ul>
                </li>
              </ul>
              <h2>Recommendations</h2>
              <ol>
                <li><strong>Fund upstream storage</strong>: councils should restore wetlands that hold water back.</li>
                <li><strong>Update flood maps</strong>: the agency should publish maps that include climate projections.</li>
              </ol>
              <table>
                <tr><th>Town</th><th>Floods since 2014</th></tr>
                <tr><td>Millbrook</td><td>3</td></tr>
              </table>
              <script>document.write("injected advert text")</script>
              <aside><p>Related: our 2019 brief on drought and reservoirs, which you may also enjoy reading.</p></aside>
            </article>
          </main>
          <footer><p>© 2024 Institute for Water Policy. All rights reserved. Registered charity 123456.</p></footer>
          <script src="/analytics.js"></script>
        </body>
        </html>
        """;

    private static readonly Lazy<Briefs.Brief> Page = new(() => BriefExtractor.Extract(Encoding.UTF8.GetBytes(PolicyPage), "flood-defences.html"));

    [Fact]
    public void Main_content_only_without_navigation_scripts_cookie_banners_or_footer()
    {
        var body = Page.Value.Body;

        Assert.StartsWith("Towns along the lower river have flooded three times", body);
        Assert.DoesNotContain("cookies", body);
        Assert.DoesNotContain("Donate", body);
        Assert.DoesNotContain("Breadcrumb", body);
        Assert.DoesNotContain("Home", body);
        Assert.DoesNotContain("tracking", body);
        Assert.DoesNotContain("injected advert", body);
        Assert.DoesNotContain("drought", body);
        Assert.DoesNotContain("All rights reserved", body);
        Assert.Contains("Millbrook; 3", body); // table cells kept as text
    }

    [Fact]
    public void Headings_stay_headings_so_findings_and_recommendations_are_extracted()
    {
        var brief = Page.Value;

        Assert.Equal(["Key Findings", "Recommendations"], brief.Sections.Select(s => s.Heading).Where(h => h != brief.Title));
        Assert.Equal(
            ["Flood frequency on the lower river has tripled since 1990.",
             "Each pound spent on defences saves seven in recovery costs. Savings are largest where homes sit on the flood plain."],
            brief.Findings.Select(f => f.Text));
        Assert.Equal(["Fund upstream storage", "Update flood maps"], brief.Recommendations.Select(r => r.Title));
        Assert.Equal("councils should restore wetlands that hold water back.", brief.Recommendations[0].Detail);
    }

    [Fact]
    public void Meta_tags_are_the_metadata()
    {
        var brief = Page.Value;

        Assert.Equal("html", brief.Format);
        Assert.Equal("flood-defences", brief.Id);
        Assert.Equal("Flood Defences for River Towns", brief.Title);
        Assert.Equal(new DateOnly(2024, 3, 5), brief.Date);
        Assert.Equal(["flooding", "infrastructure", "local government"], brief.Tags);
        Assert.Equal("Ada Rivers", Assert.Single(brief.Authors).Name);
        Assert.Equal("Institute for Water Policy", brief.Publisher);
        Assert.Equal("River towns flood more often; this brief sets out what councils and government should fund first.", brief.Summary);
        Assert.Contains(brief.Links, l => l.Url == "https://water.example.org/briefs/flood-defences");
    }

    [Fact]
    public void Without_main_or_article_the_densest_block_is_the_content()
    {
        var html = """
            <html><head><title>Drought Outlook - Water Board</title></head><body>
            <div class="menu"><a href="/a">Reservoirs</a> <a href="/b">Rainfall</a> <a href="/c">Rivers</a> <a href="/d">Contact</a></div>
            <div class="layout">
              <div class="sidebar"><p>Short promo text.</p></div>
              <div class="content">
                <h2>Outlook for the summer</h2>
                <p>Reservoir levels stand at sixty percent of capacity, the lowest for the month in twenty years of records.</p>
                <p>Without rain in the next six weeks, hosepipe restrictions will be needed across the eastern region.</p>
              </div>
            </div>
            </body></html>
            """;

        var brief = BriefExtractor.Extract(Encoding.UTF8.GetBytes(html), "outlook.htm");

        Assert.Equal("Drought Outlook", brief.Title);
        Assert.Contains("Reservoir levels stand at sixty percent", brief.Body);
        Assert.DoesNotContain("Short promo", brief.Body);
        Assert.DoesNotContain("Rainfall", brief.Body);
        Assert.Contains(brief.Sections, s => s.Heading == "Outlook for the summer");
    }

    [Fact]
    public void A_real_web_page_keeps_its_message_and_drops_its_menus_and_analytics()
    {
        // GovInfo's "Page Not Found" page, as a download saved it: a Drupal page with menus, search and Matomo scripts.
        var bytes = File.ReadAllBytes(Fixtures.Format(Fixtures.HtmlSavedAsPdf));

        var brief = BriefExtractor.Extract(bytes, "govinfo-error.html");

        Assert.Equal("html", brief.Format);
        Assert.Equal("Page Not Found", brief.Title);
        Assert.Equal("GovInfo", brief.Publisher);
        // Its bold lead paragraph reads as a heading, as bold-only paragraphs do in Markdown briefs.
        Assert.Contains(brief.Sections, s => s.Heading == "Error occurred. The page you requested cannot be found.");
        Assert.StartsWith("Please report this error to askGPO.\n\nProvide the following information", brief.Body);
        Assert.DoesNotContain("Skip to main content", brief.Body);
        Assert.DoesNotContain("Browse A to Z", brief.Body);
        Assert.DoesNotContain("_paq", brief.Body);
    }
}
