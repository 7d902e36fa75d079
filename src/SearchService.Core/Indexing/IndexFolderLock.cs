namespace SearchService.Core.Indexing;

/// <summary>
/// Keeps one process at a time in an index folder: the service, or a CLI command that writes, never both. Lucene's
/// own write.lock does not exclude another process on Linux, and a second process would write the same generation
/// and delete generations it does not know about (another's rebuild). The lock is the operating system's (an
/// exclusive open of <see cref="FileName"/>), so it is released when the process ends, however it ends.
/// </summary>
internal sealed class IndexFolderLock : IDisposable
{
    public const string FileName = "searchservice.lock";

    private readonly FileStream _file;

    private IndexFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="folder"/>, or says which folder is in use.</summary>
    /// <exception cref="IOException">Another process (or another open index in this one) holds the folder.</exception>
    public static IndexFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux and macOS, a sharing lock on Windows.
            return new IndexFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IOException($"The index at {folder} is in use by another process (a running service or CLI command). Stop that process or use another --index folder.", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
