using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace SearchService.Core.Semantic;

/// <summary>
/// The vectors of one immutable Lucene segment, read once from doc values into one contiguous array
/// (row <c>i</c> belongs to document <c>Docs[i]</c>). Segments never change, so this is cached per
/// segment core and shared by every searcher that sees the segment.
/// </summary>
internal sealed class SegmentVectors
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionaryOfFields> Cache = new();

    public required int[] Docs { get; init; }
    public required float[] Matrix { get; init; }
    public required int Dimensions { get; init; }

    public static SegmentVectors For(AtomicReader reader, string field, int dimensions)
    {
        var byField = Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionaryOfFields());
        return byField.GetOrAdd((field, dimensions), key => Read(reader, key.Field, key.Dimensions));
    }

    private static SegmentVectors Read(AtomicReader reader, string field, int dimensions)
    {
        var values = reader.GetBinaryDocValues(field);
        var present = reader.GetDocsWithField(field);
        if (values is null || present is null) return new SegmentVectors { Docs = [], Matrix = [], Dimensions = dimensions };

        var docs = new List<int>();
        for (var doc = 0; doc < reader.MaxDoc; doc++)
            if (present.Get(doc)) docs.Add(doc);

        var matrix = new float[docs.Count * dimensions];
        var bytes = new BytesRef();
        for (var row = 0; row < docs.Count; row++)
        {
            values.Get(docs[row], bytes);
            if (bytes.Length != dimensions * sizeof(float))
                throw new InvalidDataException($"A vector in field '{field}' has {bytes.Length / sizeof(float)} dimensions, expected {dimensions}: the index was built with another model. Rebuild it.");
            VectorCodec.Read(bytes, matrix.AsSpan(row * dimensions, dimensions));
        }
        return new SegmentVectors { Docs = [.. docs], Matrix = matrix, Dimensions = dimensions };
    }

    private sealed class ConcurrentDictionaryOfFields : System.Collections.Concurrent.ConcurrentDictionary<(string Field, int Dimensions), SegmentVectors>;
}
