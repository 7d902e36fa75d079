using Lucene.Net.Documents;
using Lucene.Net.Util;
using SearchService.Core.Briefs;

namespace SearchService.Core.Indexing;

/// <summary>Maps briefs and passages to Lucene documents.</summary>
internal static class BriefDocuments
{
    private static readonly FieldType TextWithVectors = new(TextField.TYPE_NOT_STORED)
    {
        StoreTermVectors = true,
    };

    static BriefDocuments() => TextWithVectors.Freeze();

    public static Document ForBrief(Brief brief, string contentHash, float[]? vector)
    {
        var findings = string.Join("\n", brief.Findings.Select(f => f.Text));
        var recommendations = string.Join("\n", brief.Recommendations.Select(r => r.Text));
        var document = new Document
        {
            new StringField(IndexFields.DocType, IndexFields.BriefDoc, Field.Store.NO),
            new StringField(IndexFields.BriefId, brief.Id, Field.Store.YES),
            new SortedDocValuesField(IndexFields.BriefId, new BytesRef(brief.Id)),
            new TextField(IndexFields.Title, brief.Title, Field.Store.YES),
            new TextField(IndexFields.Summary, brief.Summary ?? "", Field.Store.NO),
            new TextField(IndexFields.Findings, findings, Field.Store.NO),
            new TextField(IndexFields.Recommendations, recommendations, Field.Store.NO),
            new TextField(IndexFields.Body, brief.Body, Field.Store.NO),
            new TextField(IndexFields.TagsText, string.Join("\n", brief.Tags), Field.Store.NO),
            new TextField(IndexFields.AuthorsText, string.Join("\n", brief.Authors.Select(a => a.Name)), Field.Store.NO),
            new Field(IndexFields.All, string.Join("\n\n", brief.Title, brief.Summary, findings, recommendations, brief.Body), TextWithVectors),
            new StoredField(IndexFields.Json, BriefJson.Serialize(brief)),
            new StringField(IndexFields.ContentHash, contentHash, Field.Store.YES),
        };
        foreach (var tag in brief.Tags) document.Add(new StringField(IndexFields.Tag, tag, Field.Store.YES));
        foreach (var author in brief.Authors) document.Add(new StringField(IndexFields.Author, author.Name, Field.Store.YES));
        if (brief.Publisher is { } publisher) document.Add(new StringField(IndexFields.Publisher, publisher, Field.Store.YES));
        if (brief.Type is { } type) document.Add(new StringField(IndexFields.Type, type, Field.Store.YES));
        AddDate(document, brief.Date);
        if (vector is not null) document.Add(new BinaryDocValuesField(IndexFields.BriefVector, Semantic.VectorCodec.ToBytesRef(vector)));
        return document;
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
        var number = value.Year * 10000 + value.Month * 100 + value.Day;
        document.Add(new StringField(IndexFields.Date, value.ToString("yyyy-MM-dd"), Field.Store.YES));
        document.Add(new Int32Field(IndexFields.DateNumber, number, Field.Store.NO));
        document.Add(new NumericDocValuesField(IndexFields.DateNumber, number));
    }
}
