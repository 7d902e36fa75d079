using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchService.Core.Indexing;

/// <summary>The queries that pick a kind of document (brief, passage, original) out of the index, written once.</summary>
internal static class IndexQueries
{
    /// <summary>Every brief document (not passages, suggestions or originals).</summary>
    public static Query AllBriefs() => new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc));

    /// <summary>The brief document of <paramref name="id"/>.</summary>
    public static Query Brief(string id) => Of(id, IndexFields.BriefDoc);

    /// <summary>The passage documents of brief <paramref name="id"/>.</summary>
    public static Query PassagesOf(string id) => Of(id, IndexFields.PassageDoc);

    /// <summary>The original file kept for brief <paramref name="id"/>.</summary>
    public static Query OriginalOf(string id) => Of(id, IndexFields.OriginalDoc);

    private static BooleanQuery Of(string id, string docType) => new()
    {
        { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST },
        { new TermQuery(new Term(IndexFields.DocType, docType)), Occur.MUST },
    };
}
