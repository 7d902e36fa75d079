using Lucene.Net.Documents;
using SearchService.Core.Briefs;

namespace SearchService.Core.Indexing.Suggestions;

/// <summary>
/// Maps what a brief contributes to search-as-you-type to Lucene documents. They carry the brief's id,
/// so replacing or deleting the brief replaces or deletes its suggestions in the same operation.
/// </summary>
internal static class SuggestionDocuments
{
    private static readonly FieldType WordsOnly = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY,
        OmitNorms = true,
    };

    static SuggestionDocuments() => WordsOnly.Freeze();

    public static IEnumerable<Document> For(Brief brief)
    {
        foreach (var entry in SuggestionSource.Of(brief))
        {
            var key = PlainWordsAnalyzer.Instance.Normalize(entry.Text);
            if (key.Length == 0) continue;
            yield return new Document
            {
                new StringField(IndexFields.DocType, IndexFields.SuggestionDoc, Field.Store.NO),
                new StringField(IndexFields.BriefId, brief.Id, Field.Store.NO),
                new StoredField(IndexFields.SuggestText, entry.Text),
                new StoredField(IndexFields.SuggestKey, key),
                new StoredField(IndexFields.SuggestKind, entry.Kind),
                new StoredField(IndexFields.SuggestWeight, entry.Weight),
                new NumericDocValuesField(IndexFields.SuggestWeight, entry.Weight),
                new BinaryDocValuesField(IndexFields.SuggestEntry, SuggestionEntryValue.Encode(key, entry.Text, entry.Kind)),
                new Field(IndexFields.SuggestWords, entry.Text, WordsOnly),
                new Field(IndexFields.SuggestPrefixes, entry.Text, WordsOnly),
            };
        }
    }
}
