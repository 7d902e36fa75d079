namespace SearchService.Core.Indexing;

/// <summary>Names of the Lucene fields. Brief documents and passage documents share one index.</summary>
public static class IndexFields
{
    /// <summary>"brief", "passage" or "original".</summary>
    public const string DocType = "doc_type";
    public const string BriefDoc = "brief";
    public const string PassageDoc = "passage";
    /// <summary>The file a brief was extracted from, kept so a reindex can extract it again with today's extractor.</summary>
    public const string OriginalDoc = "original";

    /// <summary>The brief a document belongs to; on both brief and passage documents, so one delete removes all.</summary>
    public const string BriefId = "brief_id";
    public const string PassageId = "passage_id";
    public const string PassageKind = "passage_kind";
    public const string Section = "section";

    public const string Title = "title";
    public const string Summary = "summary";
    public const string Findings = "findings";
    public const string Recommendations = "recommendations";
    public const string Body = "body";
    public const string TagsText = "tags_text";
    public const string AuthorsText = "authors_text";
    /// <summary>Everything a brief says, for whole-document scoring and MoreLikeThis (term vectors).</summary>
    public const string All = "all";
    /// <summary>A passage's text.</summary>
    public const string Text = "text";

    public const string Tag = "tag";
    public const string Author = "author";
    public const string Publisher = "publisher";
    public const string Type = "type";
    public const string Date = "date";
    /// <summary>yyyyMMdd as a number, for date sorting and ranges.</summary>
    public const string DateNumber = "date_number";
    public const string Json = "json";
    public const string ContentHash = "content_hash";
    public const string OriginalFileName = "original_file_name";
    public const string OriginalBytes = "original_bytes";
    /// <summary>A passage's sentence-embedding vector (binary doc values, float32).</summary>
    public const string Vector = "vector";
    /// <summary>A brief's vector: the normalised mean of its passages' vectors.</summary>
    public const string BriefVector = "brief_vector";
}
