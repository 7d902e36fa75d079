using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Cli.Watching;

/// <summary>
/// Keeps an index in step with watched files: a changed file is indexed again (skipped when its content hash
/// is unchanged), a deleted file's brief is removed, and a file whose id changed drops its old brief. A file
/// that turns bad keeps its last good brief in the index and is reported with the reason.
/// </summary>
internal sealed class BriefFolderSync
{
    private readonly BriefIndex _index;
    private readonly PassageEmbedder? _embedder;
    private readonly Dictionary<string, string> _idsByFile;

    /// <param name="index">The index to keep in step.</param>
    /// <param name="initial">The run that indexed the watched paths first: it says which file holds which brief.</param>
    /// <param name="embedder">Embeds the passages of changed briefs, when semantic search is on.</param>
    public BriefFolderSync(BriefIndex index, IngestReport initial, PassageEmbedder? embedder)
    {
        _index = index;
        _embedder = embedder;
        _idsByFile = initial.Indexed.Concat(initial.Unchanged).ToDictionary(f => Path.GetFullPath(f.File), f => f.Id, StringComparer.Ordinal);
    }

    public SyncReport Apply(IReadOnlyCollection<string> changedPaths)
    {
        var present = changedPaths.Where(p => Directory.Exists(p) || File.Exists(p) && IsBriefFile(p)).ToList();
        var gone = changedPaths.Where(p => !Directory.Exists(p) && !File.Exists(p)).ToList();
        // A PDF is skipped when a Markdown brief links it or has its id, which the ingestor only knows from the
        // Markdown briefs in the same run: run them too (unchanged, they cost an extraction and no write).
        if (present.Any(IsPdf)) present.AddRange(_idsByFile.Keys.Where(f => !IsPdf(f) && File.Exists(f)).Except(present));

        var ingested = present.Count > 0 ? BriefIngestor.Ingest(_index, present, embedder: _embedder) : new IngestReport([], [], [], TimeSpan.Zero);
        var removed = new List<IngestedFile>();
        foreach (var file in ingested.Indexed.Concat(ingested.Unchanged))
        {
            var path = Path.GetFullPath(file.File);
            if (_idsByFile.TryGetValue(path, out var previousId) && previousId != file.Id)
            {
                _idsByFile.Remove(path);
                if (RemoveIfOrphaned(previousId)) removed.Add(new IngestedFile(path, previousId, 0));
            }
            _idsByFile[path] = file.Id;
        }

        var deletedFiles = gone
            .SelectMany(p => _idsByFile.Keys.Where(f => f == p || f.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        foreach (var file in deletedFiles)
        {
            var id = _idsByFile[file];
            _idsByFile.Remove(file);
            if (RemoveIfOrphaned(id)) removed.Add(new IngestedFile(file, id, 0));
        }
        if (removed.Count > 0) _index.Commit();
        return new SyncReport(ingested.Indexed, removed, ingested.Skipped, ingested.Failed);
    }

    private static bool IsPdf(string path) => Path.GetExtension(path).Equals(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Deletes brief <paramref name="id"/> unless another watched file still provides it.</summary>
    private bool RemoveIfOrphaned(string id) => !_idsByFile.ContainsValue(id) && _index.Delete(id);

    private static bool IsBriefFile(string path) =>
        !Path.GetFileName(path).StartsWith('.') && BriefExtractor.IsSupported(path);
}
