using System.Diagnostics;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Core.Passages;

namespace SearchService.Core.Relevance;

/// <summary>Indexes a BEIR corpus as briefs (title + text), so evaluation exercises the real index and search code.</summary>
public static class BeirIndexer
{
    /// <summary>Documents embedded together: enough passages to keep every core busy.</summary>
    private const int BatchSize = 256;

    public static TimeSpan Index(BriefIndex index, BeirDataset dataset, PassageEmbedder? embedder = null, Action<int, int>? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var done = 0;
        foreach (var batch in dataset.Corpus.Select(ToBrief).Chunk(BatchSize))
        {
            foreach (var prepared in PreparedBrief.PrepareAll(batch, embedder)) prepared.WriteTo(index);
            progress?.Invoke(done += batch.Length, dataset.Corpus.Count);
        }
        index.Compact();
        return stopwatch.Elapsed;
    }

    internal static Brief ToBrief(BeirDocument document)
    {
        var title = string.IsNullOrWhiteSpace(document.Title) ? document.Id : document.Title;
        return new Brief
        {
            Id = document.Id,
            Title = title,
            Date = document.Date,
            Body = document.Text,
            Sections = [new Section(title, document.Text, SectionRole.Other, "body")],
            Format = "beir",
        };
    }
}
