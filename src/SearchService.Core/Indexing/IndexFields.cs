namespace SearchService.Core.Indexing;

/// <summary>Names of the Lucene fields. Brief, passage and suggestion documents share one index.</summary>
public static class IndexFields
{
    /// <summary>"brief", "passage", "suggestion" or "original".</summary>
    public const string DocType = "doc_type";
    public const string BriefDoc = "brief";
    public const string PassageDoc = "passage";
    /// <summary>A completion offered while typing: a title, tag, author or frequent phrase of one brief.</summary>
    public const string SuggestionDoc = "suggestion";
    /// <summary>The file a brief was extracted from, kept so a reindex can extract it again with today's extractor.</summary>
    public const string OriginalDoc = "original";

    /// <summary>
    /// The brief a document belongs to; on brief, passage, suggestion and original documents, so one delete removes all.
    /// Brief and passage documents also hold it as doc values, for reading ids and sorting ties by id.
    /// </summary>
    public const string BriefId = "brief_id";
    public const string PassageId = "passage_id";
    public const string PassageKind = "passage_kind";
    public const string Section = "section";

    public const string Title = "title";
    /// <summary>A brief's title and tags as binary doc values (<see cref="BriefHeadline"/>), for showing hits.</summary>
    public const string Headline = "headline";
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

    /// <summary>The analysed text fields of brief documents that keyword search scores (their norms are held per brief: <see cref="BriefFieldNorms"/>).</summary>
    public static IReadOnlyList<string> BriefTextFields { get; } = [All, Title, Summary, Findings, Recommendations, TagsText, AuthorsText];

    /// <summary>
    /// Every word of a brief as written (lower case, accents folded, not stemmed), so spelling
    /// corrections can offer real words ("sovereignty") rather than stems ("sovereignti").
    /// </summary>
    public const string Spell = "spell";

    // Facet fields: indexed terms for filters and SortedSet doc values for counting.
    public const string Tag = "tag";
    public const string Author = "author";
    public const string Publisher = "publisher";
    public const string Type = "type";
    /// <summary>The year of the brief's date ("2025"), doc values only: filters use the date range.</summary>
    public const string Year = "year";
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

    /// <summary>A suggestion as shown to the user.</summary>
    public const string SuggestText = "suggest_text";
    /// <summary>The suggestion's words normalised (lower case, accents folded), so duplicates across briefs merge.</summary>
    public const string SuggestKey = "suggest_key";
    /// <summary>A suggestion's key, text and kind as binary doc values (<see cref="Suggestions.SuggestionEntryValue"/>), read per keystroke without stored fields.</summary>
    public const string SuggestEntry = "suggest_entry";
    /// <summary>"title", "tag", "author" or "phrase".</summary>
    public const string SuggestKind = "suggest_kind";
    /// <summary>How strongly the brief backs the suggestion (stored and as doc values for sorting).</summary>
    public const string SuggestWeight = "suggest_weight";
    /// <summary>The suggestion's whole words, for the words a user has finished typing.</summary>
    public const string SuggestWords = "suggest_words";
    /// <summary>Every prefix of every word of the suggestion (edge n-grams), for the word being typed.</summary>
    public const string SuggestPrefixes = "suggest_prefixes";
}
