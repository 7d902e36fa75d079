using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// A brief's passages as the index holds them, with their vectors (normalised) where they have one: what a related
/// list's explanation compares, read once per brief when its list is computed.
/// </summary>
internal sealed record BriefPassages(IReadOnlyList<string> Texts, IReadOnlyList<float[]?> Vectors, IReadOnlyList<string> AllTexts)
{
    /// <summary>Passages shorter than this say too little to show as the reason two briefs are alike.</summary>
    private const int MinimumWords = 12;
    /// <summary>The first passages of a long report are enough to find its closest pair; the rest would only cost time.</summary>
    private const int MaximumPassages = 300;
    /// <summary>The one stored field read of each passage.</summary>
    private static readonly ISet<string> TextField = new HashSet<string>([IndexFields.Text]);

    public static BriefPassages Read(IndexSearcher searcher, string briefId)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.BriefId, briefId)), Occur.MUST },
            { new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), Occur.MUST },
        };
        var texts = new List<string>();
        var vectors = new List<float[]?>();
        var all = new List<string>();
        var leaves = searcher.IndexReader.Leaves;
        (AtomicReader Reader, BinaryValues? Values) vectorValues = default;
        foreach (var hit in searcher.Search(query, MaximumPassages).ScoreDocs.OrderBy(d => d.Doc))
        {
            var text = searcher.Doc(hit.Doc, TextField).Get(IndexFields.Text) ?? "";
            if (Extraction.PageFurniture.IsNotice(text)) continue;
            all.Add(text);
            if (!ReadsAsProse(text)) continue;
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var doc = hit.Doc - leaf.DocBase;
            float[]? vector = null;
            if (leaf.AtomicReader.GetDocsWithField(IndexFields.Vector) is { } present && present.Get(doc))
            {
                // A brief's passages share one segment: its vector values are read through one reader.
                if (vectorValues.Reader != leaf.AtomicReader) vectorValues = (leaf.AtomicReader, BinaryValues.Of(leaf.AtomicReader, IndexFields.Vector));
                var bytes = vectorValues.Values!.Get(doc);
                vector = new float[bytes.Length / sizeof(float)];
                Semantic.VectorCodec.Read(bytes, vector);
                Normalise(vector);
            }
            texts.Add(text);
            vectors.Add(vector);
        }
        return new BriefPassages(texts, vectors, all);
    }

    /// <summary>
    /// Sentences a reader can take as a quote: long enough, ending as a sentence ends, and not a list of numbered
    /// items, table cells or contents entries (few words that hold digits).
    /// </summary>
    internal static bool ReadsAsProse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < MinimumWords) return false;
        // "Source: GAO analysis of … Note: …" is a table's caption, not what the brief says.
        if (words[0].TrimEnd('s', 'S') is "Source:" or "Note:" || words[0] is "Sources:" or "Notes:") return false;
        var end = text.TrimEnd('"', '\'', '’', '”', ')', ' ');
        if (end.Length == 0 || end[^1] is not ('.' or '!' or '?')) return false;
        return words.Count(w => w.Any(char.IsDigit)) <= words.Length / 4;
    }

    /// <summary>The pair of passages, one of each brief, with the highest cosine; null when either has no vectors.</summary>
    public PassageMatch? BestMatch(BriefPassages related)
    {
        var best = (Source: -1, Related: -1, Similarity: float.NegativeInfinity);
        for (var i = 0; i < Vectors.Count; i++)
        {
            if (Vectors[i] is not { } a) continue;
            for (var j = 0; j < related.Vectors.Count; j++)
            {
                if (related.Vectors[j] is not { } b || b.Length != a.Length) continue;
                var similarity = System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
                if (similarity > best.Similarity) best = (i, j, similarity);
            }
        }
        return best.Source < 0 ? null : new PassageMatch(Texts[best.Source], related.Texts[best.Related], MathF.Round(best.Similarity, 3));
    }

    private static void Normalise(float[] vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector));
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
    }
}
