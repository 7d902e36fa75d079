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

    /// <summary>How often a waiting <see cref="Acquire"/> tries again.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Takes the lock of <paramref name="folder"/>, trying again for up to <paramref name="wait"/> while another
    /// holder may be closing (a restarted service whose previous process is still shutting down), or says which
    /// folder is in use.
    /// </summary>
    /// <exception cref="IOException">Another process (or another open index in this one) still holds the folder.</exception>
    public static IndexFolderLock Acquire(string folder, TimeSpan wait = default)
    {
        var path = Path.Combine(folder, FileName);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Linux and macOS, a sharing lock on Windows.
                return new IndexFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(RetryInterval);
                    continue;
                }

                var waited = wait > TimeSpan.Zero ? $" (waited {wait.TotalSeconds:0.#} s for it)" : "";
                throw new IOException($"The index at {folder} is in use by another process (a running service or CLI command){waited}. Stop that process or use another --index folder.", e);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
