using System.Diagnostics;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing;

/// <summary>
/// Indexes files and folders of briefs. A bad file is reported by name with its reason and never
/// stops the run: every other file is still indexed. Unchanged briefs are skipped by content hash.
/// </summary>
public static class BriefIngestor
{
    /// <summary>The supported files under <paramref name="paths"/> (files as given, folders searched recursively), in a stable order.</summary>
    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths, ICollection<FailedFile>? missing = null)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.') && BriefExtractor.IsSupported(f))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                missing?.Add(new FailedFile(path, "no such file or folder"));
            }
        }
        return files.Distinct().ToList();
    }

    /// <summary>
    /// Indexes every supported file under <paramref name="paths"/>; with an <paramref name="embedder"/>,
    /// each passage also gets its sentence-embedding vector (from the cache when the text is unchanged).
    /// </summary>
    public static IngestReport Ingest(BriefIndex index, IEnumerable<string> paths, Action<string, int, int>? progress = null, PassageEmbedder? embedder = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var failed = new List<FailedFile>();
        var files = FindFiles(paths, failed);
        var indexed = new List<IngestedFile>();
        var unchanged = new List<IngestedFile>();
        var seen = new Dictionary<string, string>();

        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            progress?.Invoke(file, i + 1, files.Count);
            Brief brief;
            try
            {
                brief = BriefExtractor.Extract(file);
            }
            catch (BriefExtractionException e)
            {
                failed.Add(new FailedFile(file, e.Reason));
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed.Add(new FailedFile(file, $"cannot be read: {e.Message}"));
                continue;
            }

            if (seen.TryGetValue(brief.Id, out var first))
            {
                failed.Add(new FailedFile(file, $"has id '{brief.Id}', already used by {first}; give it its own slug"));
                continue;
            }
            seen[brief.Id] = file;

            if (index.StoredHash(brief.Id) == BriefIndex.ContentHash(brief))
            {
                unchanged.Add(new IngestedFile(file, brief.Id, 0));
                continue;
            }
            var passages = PassageBuilder.Build(brief);
            var vectors = embedder?.Embed(passages.Select(p => (brief, p)).ToList());
            index.Upsert(brief, passages, vectors);
            indexed.Add(new IngestedFile(file, brief.Id, passages.Count));
        }
        index.Commit();
        return new IngestReport(indexed, unchanged, failed, stopwatch.Elapsed);
    }
}
