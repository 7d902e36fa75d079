using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SearchService.Cli.Watching;

/// <summary>
/// Watches folders (recursively) and single files for changes and hands them out in batches: a batch is
/// released once no change has arrived for the debounce interval, so an editor's save-rename-delete dance or
/// a copied folder of many files becomes one batch, and a file is processed once its writing has settled.
/// </summary>
internal sealed class FolderWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeSpan _debounce;

    /// <param name="paths">Folders and files to watch; paths that do not exist are ignored.</param>
    /// <param name="debounce">Quiet time that ends a batch.</param>
    public FolderWatcher(IEnumerable<string> paths, TimeSpan debounce)
    {
        _debounce = debounce;
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            if (Directory.Exists(path)) Watch(path, "*", recursive: true);
            else if (File.Exists(path)) Watch(Path.GetDirectoryName(path)!, Path.GetFileName(path), recursive: false);
        }
    }

    /// <summary>The folders and files being watched.</summary>
    public IReadOnlyList<string> Watched => _watchers.Select(w => w.Filter == "*" ? w.Path : Path.Combine(w.Path, w.Filter)).ToList();

    private void Watch(string folder, string filter, bool recursive)
    {
        var watcher = new FileSystemWatcher(folder, filter)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, e) => _changes.Writer.TryWrite(e.FullPath);
        watcher.Changed += (_, e) => _changes.Writer.TryWrite(e.FullPath);
        watcher.Deleted += (_, e) => _changes.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            _changes.Writer.TryWrite(e.OldFullPath);
            _changes.Writer.TryWrite(e.FullPath);
        };
        // Events were lost (the watcher's buffer overflowed): look at the whole watched folder again.
        watcher.Error += (_, _) => _changes.Writer.TryWrite(recursive ? folder : Path.Combine(folder, filter));
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    /// <summary>Batches of changed paths (files or folders, existing or deleted), until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<IReadOnlyCollection<string>> Batches([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _changes.Reader;
        while (true)
        {
            var batch = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                batch.Add(await reader.ReadAsync(cancellationToken));
                while (true)
                {
                    using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    quiet.CancelAfter(_debounce);
                    try
                    {
                        batch.Add(await reader.ReadAsync(quiet.Token));
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return batch;
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _changes.Writer.TryComplete();
    }
}
