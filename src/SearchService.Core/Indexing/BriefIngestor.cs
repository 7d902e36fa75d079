using System.Diagnostics;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Semantic;
using SearchService.Core.Passages;

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

    /// <summary>How many files an indexing run processes between commits, so a run that is killed keeps most of its work.</summary>
    public const int DefaultCommitEvery = 25;

    /// <summary>
    /// Extracts and indexes the files under <paramref name="paths"/>, keeping each file's bytes as the brief's
    /// original; with an <paramref name="embedder"/>, each passage also gets its sentence-embedding vector (from
    /// the cache when the text is unchanged). Commits every <paramref name="commitEvery"/> files and at the end,
    /// so killing the process at any moment leaves the index as of its last commit.
    /// </summary>
    public static IngestReport Ingest(
        BriefIndex index,
        IEnumerable<string> paths,
        Action<string, int, int>? progress = null,
        PassageEmbedder? embedder = null,
        int commitEvery = DefaultCommitEvery,
        CancellationToken cancellationToken = default)
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
        var boilerplate = LearnedBoilerplate.For(index);

        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i > 0 && commitEvery > 0 && i % commitEvery == 0) index.Commit();
            var file = files[i];
            progress?.Invoke(file, i + 1, files.Count);
            if (IsPdf(file) && MarkdownVersion(file, linkedPdfs, seen) is { } reason)
            {
                skipped.Add(new SkippedFile(file, reason));
                continue;
            }
            Brief brief;
            BriefOriginal original;
            try
            {
                brief = BriefExtractor.Extract(file);
                // Read after extraction, which refuses oversized and unsupported files before reading them.
                original = new BriefOriginal(Path.GetFileName(file), File.ReadAllBytes(file));
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

            if (index.StoredHash(brief.Id) == BriefContentHash.Of(brief))
            {
                unchanged.Add(new IngestedFile(file, brief.Id, 0));
                continue;
            }
            var prepared = PreparedBrief.Prepare(brief, boilerplate.Passages(brief), embedder, original, cancellationToken);
            prepared.WriteTo(index);
            indexed.Add(new IngestedFile(file, brief.Id, prepared.Passages.Count));
        }
        index.Commit();
        WithoutLateBoilerplate(index, boilerplate, indexed.Select(f => f.Id).ToHashSet(StringComparer.Ordinal), embedder, cancellationToken);
        return new IngestReport(indexed, unchanged, failed, stopwatch.Elapsed) { Skipped = skipped, Boilerplate = boilerplate.Counts() };
    }

    /// <summary>
    /// Briefs written before later ones taught the index that some of their paragraphs are their publisher's
    /// boilerplate are written again without them (their other passages' vectors come from the embedding cache).
    /// </summary>
    private static void WithoutLateBoilerplate(BriefIndex index, LearnedBoilerplate boilerplate, HashSet<string> written, PassageEmbedder? embedder, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        // Streamed from a point-in-time view (writes meanwhile do not disturb it), and an original read only for a
        // brief written again: materialising every brief with its original held ~8 GB at 100,000 briefs.
        foreach (var brief in index.AllBriefs().Where(b => written.Contains(b.Id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var passages = boilerplate.Passages(brief);
            if (passages.Count == index.PassageCount(brief.Id)) continue;
            PreparedBrief.Prepare(brief, passages, embedder, index.Original(brief.Id), cancellationToken).WriteTo(index);
            rewritten++;
        }
        if (rewritten > 0) index.Commit();
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

    /// <summary>
    /// Indexes into <paramref name="target"/> every brief of <paramref name="source"/>, extracted again from its
    /// kept original with today's extractor; a brief keeps its id (an id given by <c>PUT</c> wins over the file's).
    /// A brief without an original, or whose original no longer extracts, is carried over as it was stored, and
    /// the latter is reported with the reason. With an <paramref name="embedder"/> passages get their vectors
    /// (unchanged text from the embedding cache); without one the new index is keyword only.
    /// </summary>
    public static IngestReport Reingest(
        BriefIndex source,
        BriefIndex target,
        Action<string, int, int>? progress = null,
        PassageEmbedder? embedder = null,
        int commitEvery = DefaultCommitEvery,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var indexed = new List<IngestedFile>();
        var failed = new List<FailedFile>();
        var total = source.Count;
        var n = 0;
        var learned = LearnedBoilerplate.For(source).Snapshot();
        foreach (var (stored, original) in source.StoredBriefs())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (n > 0 && commitEvery > 0 && n % commitEvery == 0) target.Commit();
            var name = original?.FileName ?? stored.Source ?? stored.Id;
            progress?.Invoke(name, ++n, Math.Max(n, total));
            var brief = stored;
            if (original is not null)
            {
                try
                {
                    brief = BriefExtractor.Extract(original.Bytes, original.FileName) with { Id = stored.Id };
                }
                catch (BriefExtractionException e)
                {
                    failed.Add(new FailedFile(name, $"{e.Reason}; kept the brief as it was extracted before"));
                }
            }
            // The source has seen every brief: its learned boilerplate is whole from the first one written.
            var prepared = PreparedBrief.Prepare(brief, PassageBuilder.Build(brief, learned), embedder, original, cancellationToken);
            prepared.WriteTo(target);
            indexed.Add(new IngestedFile(name, brief.Id, prepared.Passages.Count));
        }
        target.Commit();
        return new IngestReport(indexed, [], failed, stopwatch.Elapsed);
    }
}
