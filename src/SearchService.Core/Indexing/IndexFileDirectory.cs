using Lucene.Net.Store;

namespace SearchService.Core.Indexing;

/// <summary>
/// The Lucene directory an index is read and written through: positional file reads (<see cref="NIOFSDirectory"/>),
/// not memory mapping, with a larger read buffer than Lucene's 1 KB for everything but merges. Lucene.Net
/// 4.8.0-beta00017's <see cref="MMapDirectory"/> (what <see cref="FSDirectory.Open(string)"/> picks on 64-bit) records
/// every clone of an input in a <c>ConditionalWeakTable</c>; a search clones inputs dozens of times, so dependent GC
/// handles pile up and every collection scans them, and pauses grow the longer the service serves (apache/lucenenet#1151;
/// measured in docs/serving.md, "Index files"). Reads through the file cache do not, and leave file pages out of RSS.
/// </summary>
internal sealed class IndexFileDirectory(string path) : NIOFSDirectory(path)
{
    /// <summary>Bytes read per refill: fewer reads than Lucene's 1 KB for long postings, chosen by measurement (docs/serving.md).</summary>
    internal const int ReadBufferBytes = 4 * 1024;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        var input = base.OpenInput(name, context);
        if (input is BufferedIndexInput buffered && context.Context != IOContext.UsageContext.MERGE) buffered.SetBufferSize(ReadBufferBytes);
        return input;
    }
}
