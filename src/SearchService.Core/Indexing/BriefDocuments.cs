using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Briefs;

namespace SearchService.Core.Indexing;

/// <summary>
/// Maps briefs and passages to Lucene documents. Tags, authors, type, publisher and year are also
/// SortedSet doc values, which facet counting reads for every matched brief.
/// </summary>
internal static class BriefDocuments
{
    private static readonly FieldType TextWithVectors = new(TextField.TYPE_NOT_STORED)
    {
        StoreTermVectors = true,
    };

    /// <summary>Spelling corrections only ask which briefs hold a word, never where or how often.</summary>
    private static readonly FieldType WordsOnly = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY,
        OmitNorms = true,
    };

    static BriefDocuments()
    {
        TextWithVectors.Freeze();
        WordsOnly.Freeze();
    }

    public static Document ForBrief(Brief brief, string contentHash, float[]? vector)
    {
        var findings = string.Join("\n", brief.Findings.Select(f => f.Text));
        var recommendations = string.Join("\n", brief.Recommendations.Select(r => r.Text));
        var authors = brief.Authors.Select(a => a.Name).ToList();
        var document = new Document
        {
            new StringField(IndexFields.DocType, IndexFields.BriefDoc, Field.Store.NO),
            new StringField(IndexFields.BriefId, brief.Id, Field.Store.YES),
            new SortedDocValuesField(IndexFields.BriefId, new BytesRef(brief.Id)),
            new TextField(IndexFields.Title, brief.Title, Field.Store.YES),
            new BinaryDocValuesField(IndexFields.Headline, new BriefHeadline(brief.Title, brief.Tags).ToBytesRef()),
            new TextField(IndexFields.Summary, brief.Summary ?? "", Field.Store.NO),
            new TextField(IndexFields.Findings, findings, Field.Store.NO),
            new TextField(IndexFields.Recommendations, recommendations, Field.Store.NO),
            new TextField(IndexFields.Body, brief.Body, Field.Store.NO),
            new TextField(IndexFields.TagsText, string.Join("\n", brief.Tags), Field.Store.NO),
            new TextField(IndexFields.AuthorsText, string.Join("\n", authors), Field.Store.NO),
            // Holds every word of the title, summary, findings and recommendations: keyword queries match through it and
            // read those fields only to score (FieldWeights.Covered).
            new Field(IndexFields.All, string.Join("\n\n", brief.Title, brief.Summary, findings, recommendations, brief.Body), TextWithVectors),
            new Field(IndexFields.Spell, string.Join("\n\n", [brief.Title, brief.Summary, findings, recommendations, brief.Body, .. brief.Tags, .. authors]), WordsOnly),
            new StoredField(IndexFields.Json, BriefJson.Serialize(brief)),
            new StringField(IndexFields.ContentHash, contentHash, Field.Store.YES),
        };
        foreach (var tag in brief.Tags) AddFacet(document, IndexFields.Tag, tag);
        foreach (var author in authors) AddFacet(document, IndexFields.Author, author);
        if (brief.Publisher is { } publisher) AddFacet(document, IndexFields.Publisher, publisher);
        if (brief.Type is { } type) AddFacet(document, IndexFields.Type, type);
        if (brief.Date is { } date) document.Add(new SortedSetDocValuesField(IndexFields.Year, new BytesRef(date.Year.ToString("D4"))));
        AddDate(document, brief.Date);
        if (vector is not null) document.Add(new BinaryDocValuesField(IndexFields.BriefVector, Semantic.VectorCodec.ToBytesRef(vector)));
        return document;
    }

    /// <summary>yyyyMMdd as one number, the form dates are indexed, sorted and filtered in.</summary>
    public static int DateNumber(DateOnly date) => date.Year * 10000 + date.Month * 100 + date.Day;

    public static DateOnly? FromDateNumber(long number) =>
        number <= 0 ? null : new DateOnly((int)(number / 10000), (int)(number / 100 % 100), (int)(number % 100));

    /// <summary>The values a brief document has in facet <paramref name="field"/>, read from its doc values (sorted, each once).</summary>
    public static List<string> FacetValues(AtomicReader reader, string field, int segmentDoc)
    {
        var values = new List<string>();
        if (reader.GetSortedSetDocValues(field) is not { } ordinals) return values;
        ordinals.SetDocument(segmentDoc);
        var value = new BytesRef();
        for (var ord = ordinals.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = ordinals.NextOrd())
        {
            ordinals.LookupOrd(ord, value);
            values.Add(value.Utf8ToString());
        }
        return values;
    }

    /// <summary>A brief document's stored content hash, loading that field alone (the stored brief is not decoded); null when it has none.</summary>
    public static string? StoredContentHash(IndexReader reader, int doc) => reader.Document(doc, ContentHashField).Get(IndexFields.ContentHash);

    private static readonly ISet<string> ContentHashField = new HashSet<string> { IndexFields.ContentHash };

    /// <summary>A filterable term (stored, as the API shows it) plus doc values for counting.</summary>
    private static void AddFacet(Document document, string field, string value)
    {
        document.Add(new StringField(field, value, Field.Store.YES));
        document.Add(new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    public static Document ForPassage(Brief brief, Passage passage, float[]? vector)
    {
        var document = new Document
        {
            new StringField(IndexFields.DocType, IndexFields.PassageDoc, Field.Store.NO),
            new StringField(IndexFields.BriefId, passage.BriefId, Field.Store.YES),
            new SortedDocValuesField(IndexFields.BriefId, new BytesRef(passage.BriefId)),
            new StringField(IndexFields.PassageId, passage.Id, Field.Store.YES),
            new StringField(IndexFields.PassageKind, passage.Kind.ToString(), Field.Store.YES),
            new StoredField(IndexFields.Section, passage.Section ?? ""),
            new TextField(IndexFields.Text, passage.Text, Field.Store.YES),
        };
        AddDate(document, brief.Date);
        if (vector is not null) document.Add(new BinaryDocValuesField(IndexFields.Vector, Semantic.VectorCodec.ToBytesRef(vector)));
        return document;
    }

    /// <summary>The original file, in a document of its own so searches that load a brief never read its bytes.</summary>
    public static Document ForOriginal(string briefId, BriefOriginal original) => new()
    {
        new StringField(IndexFields.DocType, IndexFields.OriginalDoc, Field.Store.NO),
        new StringField(IndexFields.BriefId, briefId, Field.Store.YES),
        new StoredField(IndexFields.OriginalFileName, original.FileName),
        new StoredField(IndexFields.OriginalBytes, original.Bytes),
    };

    private static void AddDate(Document document, DateOnly? date)
    {
        if (date is not { } value) return;
        var number = DateNumber(value);
        document.Add(new StringField(IndexFields.Date, value.ToString("yyyy-MM-dd"), Field.Store.YES));
        document.Add(new Int32Field(IndexFields.DateNumber, number, Field.Store.NO));
        document.Add(new NumericDocValuesField(IndexFields.DateNumber, number));
    }
}
