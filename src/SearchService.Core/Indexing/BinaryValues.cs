using System.Reflection;
using FieldInfo = System.Reflection.FieldInfo;
using Lucene.Net.Codecs.Lucene45;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Lucene.Net.Util.Packed;

namespace SearchService.Core.Indexing;

/// <summary>
/// One segment's binary doc values of one field, read into one buffer that every read reuses. Lucene 4.8's Lucene45
/// format allocates a new array on every <see cref="BinaryDocValues.Get(int, BytesRef)"/> (its consumers may keep the
/// bytes), and vectors are read by the thousand: a related list read ~10,000 passage vectors, 40 MB of garbage a list
/// and most of what the first related-list fill allocated (docs/scaling.md). Where the values are that format's
/// variable-length values, this reads their bytes where the format keeps them; for any other it calls Get.
/// Like the doc values it wraps, an instance belongs to the thread that made it.
/// </summary>
internal sealed class BinaryValues
{
    private readonly BinaryDocValues _values;
    private readonly InPlace? _inPlace;
    private readonly BytesRef _bytes = new();

    private BinaryValues(BinaryDocValues values)
    {
        _values = values;
        _inPlace = InPlace.Of(values);
    }

    /// <summary>The values of <paramref name="field"/> in <paramref name="reader"/>'s segment, or null when it has none.</summary>
    public static BinaryValues? Of(AtomicReader reader, string field) =>
        reader.GetBinaryDocValues(field) is { } values ? new BinaryValues(values) : null;

    /// <summary>True when reads fill the shared buffer in place (the Lucene45 variable-length format), not through Get.</summary>
    public bool ReadsInPlace => _inPlace is not null;

    /// <summary>The value of segment document <paramref name="doc"/>: valid until the next call.</summary>
    public BytesRef Get(int doc)
    {
        if (_inPlace is { } inPlace) inPlace.Read(doc, _bytes);
        else _values.Get(doc, _bytes);
        return _bytes;
    }

    /// <summary>
    /// What the Lucene45 variable-length values read from (their file, the field's start in it, each document's end
    /// address), taken from the instance: the same arithmetic as its Get, into a reused buffer. The fields are found
    /// once (type metadata, nothing of any index).
    /// </summary>
    private sealed class InPlace(IndexInput data, long start, MonotonicBlockPackedReader addresses)
    {
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        private static readonly Type? FormatValues = typeof(Lucene45DocValuesProducer).Assembly.GetType("Lucene.Net.Codecs.Lucene45.Lucene45DocValuesProducer+Int64BinaryDocValuesAnonymousClass2");
        private static readonly FieldInfo? Data = FormatValues?.GetField("data", Instance);
        private static readonly FieldInfo? Addresses = FormatValues?.GetField("addresses", Instance);
        private static readonly FieldInfo? Entry = FormatValues?.GetField("bytes", Instance);
        private static readonly FieldInfo? EntryOffset = Entry?.FieldType.GetField("offset", Instance);

        public static InPlace? Of(BinaryDocValues values)
        {
            if (values.GetType() != FormatValues
                || Data?.GetValue(values) is not IndexInput data
                || Addresses?.GetValue(values) is not MonotonicBlockPackedReader addresses
                || Entry?.GetValue(values) is not { } entry
                || EntryOffset?.GetValue(entry) is not long start)
                return null;
            return new InPlace(data, start, addresses);
        }

        public void Read(int doc, BytesRef bytes)
        {
            var from = start + (doc == 0 ? 0 : addresses.Get(doc - 1));
            var length = (int)(start + addresses.Get(doc) - from);
            if (bytes.Bytes.Length < length) bytes.Bytes = new byte[length];
            data.Seek(from);
            data.ReadBytes(bytes.Bytes, 0, length);
            bytes.Offset = 0;
            bytes.Length = length;
        }
    }
}
