using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SearchService.Api.Tests;

/// <summary>
/// A pasted text travels in the URL of <c>GET /api/search</c> and <c>GET /api/themes</c> (the pages put it there) up to
/// the query limit of 100,000 characters, through the real server: Kestrel's own limit on a request line (8 KiB by
/// default) used to refuse a 1,000-word text with a bare 414 before the service could read it. Past the query limit,
/// the service says which limit in a 400.
/// </summary>
public sealed class LongQueryUrlTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchservice-long-url-").FullName;

    [Fact]
    public async Task A_text_of_100000_characters_fits_a_url_and_a_longer_one_is_refused_in_words()
    {
        using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["SearchService:IndexPath"] = Path.Combine(_folder, "index"),
            ["SearchService:BriefsPath"] = SearchApp.FixtureBriefs,
            // Keyword only: starts in seconds; the request line is read before any mode is chosen.
            ["SearchService:Semantic:Enabled"] = "false",
            ["SearchService:Limits:RequestsPerWindow"] = "0",
        });
        await service.HealthWhen(health => (int?)health["briefs"] > 0);

        // A real report's own words, curly quotes and dashes included (up to 9 bytes each once percent-encoded).
        var text = File.ReadAllText(SearchApp.Fixture("gao-26-107551.md"))[..100_000];
        if (char.IsHighSurrogate(text[^1])) text = text[..^1] + "a";
        Assert.Contains(text, c => c > 127);
        var encoded = Uri.EscapeDataString(text);
        Assert.True(encoded.Length > 100_000, $"{encoded.Length} bytes encoded");

        var search = await Get(service.Address, "/api/search?mode=keyword&q=" + encoded);
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.Contains("\"id\":\"gao-26-107551\"", search.Body);

        var themes = await Get(service.Address, "/api/themes?q=" + encoded);
        Assert.Equal(HttpStatusCode.OK, themes.Status);
        Assert.Contains("\"passages\":", themes.Body);

        var tooLong = await Get(service.Address, "/api/search?q=" + encoded + "b");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("the limit is 100,000", tooLong.Body);
    }

    /// <summary>
    /// A GET written on a socket: .NET's <see cref="Uri"/> refuses URLs over 65,519 characters, which browsers send.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body)> Get(Uri address, string pathAndQuery)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        await using var stream = client.GetStream();
        // HTTP/1.0: the answer comes whole, not in chunks, and the connection closes after it.
        var request = $"GET {pathAndQuery} HTTP/1.0\r\nHost: {address.Authority}\r\nAccept: application/json\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        // "HTTP/1.1 200 OK": the status is the second word of the first line; the body follows the blank line.
        var status = (HttpStatusCode)int.Parse(response.Split(' ', 3)[1]);
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return (status, body);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping process: the folder is a temporary one.
        }
    }
}
