using System.Globalization;
using System.Text.Json;

namespace SearchService.Core.Relevance;

/// <summary>
/// A search-quality dataset in BEIR layout: <c>corpus.jsonl</c> (<c>_id</c>, <c>title</c>, <c>text</c>),
/// <c>queries.jsonl</c> (<c>_id</c>, <c>text</c>) and <c>qrels/&lt;split&gt;.tsv</c> (query-id, corpus-id, score).
/// </summary>
public sealed class BeirDataset
{
    public required string Name { get; init; }
    public required IReadOnlyList<BeirDocument> Corpus { get; init; }
    public required IReadOnlyDictionary<string, string> Queries { get; init; }
    /// <summary>Graded judgments per query id: corpus id → relevance (&gt; 0 is relevant).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Judgments { get; init; }

    public static BeirDataset Load(string folder, string split = "test")
    {
        var corpusPath = Path.Combine(folder, "corpus.jsonl");
        var queriesPath = Path.Combine(folder, "queries.jsonl");
        var qrelsPath = Path.Combine(folder, "qrels", split + ".tsv");
        foreach (var required in new[] { corpusPath, queriesPath, qrelsPath })
        {
            if (!File.Exists(required))
                throw new FileNotFoundException($"{required} is missing: a BEIR dataset folder holds corpus.jsonl, queries.jsonl and qrels/{split}.tsv", required);
        }

        var corpus = ReadJsonLines(corpusPath)
            .Select(o => new BeirDocument(
                o.GetProperty("_id").GetString()!,
                o.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
                o.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                o.TryGetProperty("date", out var date) && DateOnly.TryParse(date.GetString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : null))
            .ToList();
        var queries = ReadJsonLines(queriesPath).ToDictionary(o => o.GetProperty("_id").GetString()!, o => o.GetProperty("text").GetString() ?? "");

        var judgments = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(qrelsPath).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var score)) continue;
            if (!judgments.TryGetValue(parts[0], out var forQuery)) judgments[parts[0]] = forQuery = [];
            forQuery[parts[1]] = score;
        }

        return new BeirDataset
        {
            Name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)),
            Corpus = corpus,
            Queries = queries,
            Judgments = judgments.ToDictionary(j => j.Key, j => (IReadOnlyDictionary<string, int>)j.Value),
        };
    }

    private static IEnumerable<JsonElement> ReadJsonLines(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }
}

/// <summary>One document of a BEIR corpus.</summary>
public sealed record BeirDocument(string Id, string Title, string Text, DateOnly? Date);
