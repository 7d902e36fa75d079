using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SearchService.Core.Extraction;
using SearchService.Core.Passages;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Uploads one new brief and polls until keyword search finds a word only it contains and semantic search finds it
/// by its title. The brief is a held-out real report summary (no generated brief uses it, so its title leads
/// semantic search to it) with a few real chunks, and its passages are encoded for real, as an upload would be.
/// </summary>
public sealed class UploadProbe(HttpClient http, string apiKey)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<UploadTimings> MeasureAsync(HeldOutAbstract source, IReadOnlyList<SourceUnit> body, string uniqueWord, TimeSpan timeout)
    {
        var fileName = $"scale-upload-{uniqueWord}.md";
        var markdown = Compose(source, body, uniqueWord);
        var passages = PassageBuilder.Build(BriefExtractor.ExtractMarkdown(markdown, fileName)).Count;

        var stopwatch = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(markdown)), "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/briefs") { Content = form };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            throw new InvalidOperationException($"POST /api/briefs answered {(int)response.StatusCode}: {answer}");
        var postMs = stopwatch.Elapsed.TotalMilliseconds;
        var id = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;

        var keywordMs = await UntilFoundAsync($"/api/search?q={Uri.EscapeDataString(uniqueWord)}&mode=keyword&size=10", id, stopwatch, timeout);
        var semanticMs = await UntilFoundAsync($"/api/search?q={Uri.EscapeDataString(source.Title)}&mode=semantic&size=10", id, stopwatch, timeout);
        return new UploadTimings(postMs, keywordMs, semanticMs, passages);
    }

    private async Task<double> UntilFoundAsync(string path, string id, Stopwatch stopwatch, TimeSpan timeout)
    {
        while (true)
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body}");
            var hits = JsonDocument.Parse(body).RootElement.GetProperty("hits").EnumerateArray();
            if (hits.Any(h => h.GetProperty("id").GetString() == id)) return stopwatch.Elapsed.TotalMilliseconds;
            if (stopwatch.Elapsed > timeout) throw new TimeoutException($"{path} did not find the uploaded brief {id} within {timeout.TotalSeconds:F0} s");
            await Task.Delay(PollInterval);
        }
    }

    private static string Compose(HeldOutAbstract source, IReadOnlyList<SourceUnit> body, string uniqueWord)
    {
        var markdown = new StringBuilder();
        markdown.Append(CultureInfo.InvariantCulture, $"---\ntitle: \"{source.Title.Replace("\"", "'")}\"\ndate: {DateTime.UtcNow:yyyy-MM-dd}\n");
        markdown.Append("type: \"Report\"\npublisher: \"U.S. Government Accountability Office\"\ntags:\n  - \"Government Operations\"\n---\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"## Summary\n\n{source.Text}\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"## Reference\n\nThis brief was uploaded by the scale benchmark under the reference {uniqueWord}.\n\n");
        foreach (var unit in body) markdown.Append(CultureInfo.InvariantCulture, $"## {unit.Heading ?? "Background"}\n\n{unit.Text}\n\n");
        return markdown.ToString();
    }
}
