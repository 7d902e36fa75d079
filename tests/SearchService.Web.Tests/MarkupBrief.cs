namespace SearchService.Web.Tests;

/// <summary>
/// A brief whose title, tag, type and author are HTML that would run script if a page inserted it as
/// markup. Synthetic by necessity: no real publication is titled like this.
/// </summary>
public static class MarkupBrief
{
    public const string Id = "markup-probe";
    public const string Title = "<img src=x onerror=alert(1)>";
    public const string Tag = "<b onmouseover=alert(2)>probe tag</b>";
    public const string Author = "<svg onload=alert(3)>";
    /// <summary>A word only this brief contains, to find it.</summary>
    public const string Word = "zanzibarprobe";

    public static string Markdown => $"""
        ---
        title: "{Title}"
        slug: {Id}
        date: 2024-05-01
        type: Report
        tags:
          - "{Tag}"
        authors:
          - name: "{Author}"
        summary: "A {Word} brief whose metadata is markup; federal programs and quantum computing are mentioned so it is related to others."
        ---

        ## Key Findings

        - The federal program inventory is incomplete, says the {Word} finding <img src=x onerror=alert(4)>.

        ## Recommendations

        - **Escape everything**: a page that shows this brief must show `<script>alert(5)</script>` as text.
        """;
}
