using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Core.Search;

/// <summary>
/// Collects every matching document with its score, not just the top N: facets count the whole match
/// set, and filters, sorting and paging happen after matching.
/// </summary>
internal sealed class AllMatchesCollector : ICollector
{
    private Scorer? _scorer;
    private int _docBase;

    public List<BriefMatch> Matches { get; } = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc) => Matches.Add(new BriefMatch(_docBase + doc, _scorer!.GetScore()));
}
