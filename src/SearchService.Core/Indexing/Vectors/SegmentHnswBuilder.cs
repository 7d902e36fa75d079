using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing.Vectors;

/// <summary>Builds the HNSW file of one segment's vectors of one field, reading them from doc values.</summary>
internal static class SegmentHnswBuilder
{
    /// <summary>
    /// Adds every document of <paramref name="docs"/> (deleted ones too: the segment's files never change, and a
    /// search skips deleted documents) keyed by its segment document number, on <see cref="VectorIndexOptions.BuildThreads"/>
    /// threads, and saves the index to <paramref name="path"/> through a temporary file, so a crash leaves no half file.
    /// </summary>
    public static void Build(AtomicReader reader, string field, int dimensions, int[] docs, string path, VectorIndexOptions options, CancellationToken cancellationToken)
    {
        var threads = Math.Max(1, options.BuildThreads);
        using var index = HnswIndex.Create(dimensions, options.Hnsw, docs.LongLength, threads);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        // Doc values are per thread: each worker reads through its own instance (Lucene hands out one per thread).
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, docs.Length, 4096), parallel, range =>
        {
            var values = BinaryValues.Of(reader, field)!;
            var vector = new float[dimensions];
            for (var row = range.Item1; row < range.Item2; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var bytes = values.Get(docs[row]);
                SegmentVectors.CheckLength(bytes, field, dimensions);
                VectorCodec.Read(bytes, vector);
                index.Add((ulong)docs[row], vector);
            }
        });
        var temporary = path + ".tmp";
        index.Save(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
