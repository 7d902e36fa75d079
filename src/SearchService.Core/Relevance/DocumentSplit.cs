using System.Security.Cryptography;
using System.Text;

namespace SearchService.Core.Relevance;

/// <summary>How <see cref="DocumentSplit"/> divides a corpus.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DocumentSplitKind>))]
public enum DocumentSplitKind
{
    /// <summary>By a stable hash of each document's id: two halves of the same period and mix of subjects.</summary>
    Documents,
    /// <summary>Older half and newer half, as a publisher would deploy a model trained on what it has published so far.</summary>
    Date,
}

/// <summary>
/// A dataset whose queries are its own documents (related-document judgments), divided into two disjoint halves of
/// its documents, each a dataset of its own: its corpus, the queries that are its documents, and their judgments
/// restricted to its documents (a query left with nothing relevant in its half is dropped). A model trained on one
/// half and measured on the other never saw a test document, its text, its vector or its neighbours.
/// </summary>
public sealed record DocumentSplit(BeirDataset First, BeirDataset Second, DocumentSplitKind Kind, string Description)
{
    /// <summary>Splits <paramref name="dataset"/>. A date split needs every document dated; otherwise it falls back to the id hash and says so.</summary>
    public static DocumentSplit Of(BeirDataset dataset, DocumentSplitKind kind)
    {
        if (kind == DocumentSplitKind.Date)
        {
            var undated = dataset.Corpus.Count(d => d.Date is null);
            if (undated == 0) return ByDate(dataset);
            var fallback = ByIdHash(dataset);
            return fallback with { Description = $"{undated} of {dataset.Corpus.Count} documents have no date, so no date split: {fallback.Description}" };
        }
        return ByIdHash(dataset);
    }

    /// <summary>Which half an id falls in (0 or 1): the low bit of its SHA-256, the same on every machine and run.</summary>
    public static int HalfOf(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] & 1;

    private static DocumentSplit ByIdHash(BeirDataset dataset)
    {
        var first = dataset.Corpus.Where(d => HalfOf(d.Id) == 0).ToList();
        var second = dataset.Corpus.Where(d => HalfOf(d.Id) == 1).ToList();
        return new DocumentSplit(
            Half(dataset, first, "hash-0"), Half(dataset, second, "hash-1"), DocumentSplitKind.Documents,
            $"documents by a hash of their id: {first.Count} and {second.Count}");
    }

    private static DocumentSplit ByDate(BeirDataset dataset)
    {
        // Ties on a date are broken by id so that the split never depends on the file's order.
        var ordered = dataset.Corpus.OrderBy(d => d.Date).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        var older = ordered.Take(ordered.Count / 2).ToList();
        var newer = ordered.Skip(ordered.Count / 2).ToList();
        return new DocumentSplit(
            Half(dataset, older, "older"), Half(dataset, newer, "newer"), DocumentSplitKind.Date,
            $"documents by date: {older.Count} older ({older[0].Date:yyyy-MM-dd} to {older[^1].Date:yyyy-MM-dd}), " +
            $"{newer.Count} newer ({newer[0].Date:yyyy-MM-dd} to {newer[^1].Date:yyyy-MM-dd})");
    }

    private static BeirDataset Half(BeirDataset dataset, IReadOnlyList<BeirDocument> corpus, string name)
    {
        var ids = corpus.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var judgments = dataset.Judgments
            .Where(j => ids.Contains(j.Key))
            .Select(j => (j.Key, Judged: (IReadOnlyDictionary<string, int>)j.Value.Where(r => ids.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal)))
            .Where(j => j.Judged.Values.Any(grade => grade > 0))
            .ToDictionary(j => j.Key, j => j.Judged, StringComparer.Ordinal);
        return new BeirDataset
        {
            Name = $"{dataset.Name}[{name}]",
            Corpus = corpus,
            Queries = dataset.Queries.Where(q => judgments.ContainsKey(q.Key)).ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal),
            Judgments = judgments,
        };
    }
}
