using System.Reflection;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Semantic;

[Collection(SemanticSampleIndexCollection.Name)]
public sealed class BinaryValuesTests(SemanticSampleIndex sample)
{
    [Fact]
    public void Reads_the_same_bytes_as_lucene_in_place_for_every_document()
    {
        using var lease = sample.Index.AcquireSearcher();
        var compared = 0;
        foreach (var leaf in lease.Searcher.IndexReader.Leaves)
        {
            var values = BinaryValues.Of(leaf.AtomicReader, IndexFields.Vector);
            Assert.NotNull(values);
            // A Lucene.Net upgrade that changes the format's class shows here, not as a silent fall back to Get.
            var type = leaf.AtomicReader.GetBinaryDocValues(IndexFields.Vector).GetType();
            Assert.True(values.ReadsInPlace, $"{type.FullName} has fields {string.Join(", ", type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Select(f => $"{f.FieldType.Name} {f.Name}"))}");

            var lucene = leaf.AtomicReader.GetBinaryDocValues(IndexFields.Vector);
            var expected = new BytesRef();
            // Backwards, so each read seeks rather than following on from the one before.
            for (var doc = leaf.AtomicReader.MaxDoc - 1; doc >= 0; doc--)
            {
                lucene.Get(doc, expected);
                var read = values.Get(doc);
                Assert.Equal(expected.Bytes.AsSpan(expected.Offset, expected.Length), read.Bytes.AsSpan(read.Offset, read.Length));
                if (read.Length > 0) compared++;
            }
        }
        Assert.True(compared > 100, $"{compared} vectors compared");
    }
}
