using SearchService.Core.Extraction;
using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Search;

/// <summary>An index of 40 real CRS reports and the sample briefs, with their titles, tags and authors: what keyword tests search.</summary>
internal sealed class CrsReportsIndex : IDisposable
{
    private readonly TempFolder _folder = new();

    public CrsReportsIndex()
    {
        Index = BriefIndex.Open(Path.Combine(_folder.Path, "index"));
        var reports = Directory.GetFiles(Fixtures.SharedCorpus("crs-reports", "markdown"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(40)
            .Concat(Directory.GetFiles(Fixtures.BriefsFolder, "*.md"));
        foreach (var file in reports)
        {
            var brief = BriefExtractor.Extract(file);
            Index.Upsert(brief);
            Titles.Add(brief.Title);
            TagsAndAuthors.AddRange(brief.Tags.Concat(brief.Authors.Select(a => a.Name)));
        }
        Index.Commit();
    }

    public BriefIndex Index { get; }

    public List<string> Titles { get; } = [];

    public List<string> TagsAndAuthors { get; } = [];

    public void Dispose()
    {
        Index.Dispose();
        _folder.Dispose();
    }
}
