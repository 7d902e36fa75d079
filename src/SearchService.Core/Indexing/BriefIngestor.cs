using System.Diagnostics;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing;

/// <summary>
/// Indexes files and folders of briefs. A bad file is reported by name with its reason and never
/// stops the run: every other file is still indexed. Unchanged briefs are skipped by content hash.
/// A PDF whose Markdown brief is also being indexed (the brief links it, or has its id) is skipped,
/// so the publication is indexed once, from its richer Markdown.
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
        // PDFs last, so that the briefs which link them are known before they are read.
        var files = FindFiles(paths, failed).OrderBy(IsPdf).ToList();
        var indexed = new List<IngestedFile>();
        var unchanged = new List<IngestedFile>();
        var skipped = new List<SkippedFile>();
        var seen = new Dictionary<string, string>();
        var linkedPdfs = new Dictionary<string, (string File, string Id)>(StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            progress?.Invoke(file, i + 1, files.Count);
            if (IsPdf(file) && MarkdownVersion(file, linkedPdfs, seen) is { } reason)
            {
                skipped.Add(new SkippedFile(file, reason));
                continue;
            }
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
            if (brief.Format == "markdown")
            {
                foreach (var pdf in brief.LinkedPdfNames) linkedPdfs.TryAdd(pdf, (file, brief.Id));
            }

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
        return new IngestReport(indexed, unchanged, failed, stopwatch.Elapsed) { Skipped = skipped };
    }

    private static bool IsPdf(string file) => Path.GetExtension(file).Equals(".pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="pdf"/> is already indexed as a Markdown brief, or null when it is not.</summary>
    private static string? MarkdownVersion(string pdf, Dictionary<string, (string File, string Id)> linkedPdfs, Dictionary<string, string> seen)
    {
        var name = Path.GetFileName(pdf);
        if (linkedPdfs.TryGetValue(name, out var linker))
            return $"the Markdown brief '{linker.Id}' ({Path.GetFileName(linker.File)}) links this PDF and is indexed instead";
        var id = BriefExtractor.Slugify(Path.GetFileNameWithoutExtension(pdf));
        return seen.TryGetValue(id, out var same) && !IsPdf(same)
            ? $"the brief '{id}' ({Path.GetFileName(same)}) has the same id and is indexed instead"
            : null;
    }
}
