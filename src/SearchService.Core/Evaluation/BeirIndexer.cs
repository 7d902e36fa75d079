using System.Diagnostics;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Core.Evaluation;

/// <summary>Indexes a BEIR corpus as briefs (title + text), so evaluation exercises the real index and search code.</summary>
public static class BeirIndexer
{
    public static TimeSpan Index(BriefIndex index, BeirDataset dataset)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var document in dataset.Corpus)
        {
            var title = string.IsNullOrWhiteSpace(document.Title) ? document.Id : document.Title;
            var brief = new Brief
            {
                Id = document.Id,
                Title = title,
                Date = document.Date,
                Body = document.Text,
                Sections = [new Section(title, document.Text, SectionRole.Other, "body")],
                Source = dataset.Name,
                Format = "beir",
            };
            index.Upsert(brief);
        }
        index.Commit();
        return stopwatch.Elapsed;
    }
}
