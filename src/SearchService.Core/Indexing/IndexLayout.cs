using System.Globalization;
using System.Text;

namespace SearchService.Core.Indexing;

/// <summary>
/// The folders of a live index: each build is a generation in <c>generations/&lt;n&gt;</c>, and the file
/// <c>current</c> names the one to serve. Switching generations is one atomic rename of that file, so a crash
/// at any moment leaves either the old generation or the new one current, never a mix.
/// </summary>
internal static class IndexLayout
{
    private const string PointerFile = "current";
    private const string GenerationsFolder = "generations";

    public static string GenerationPath(string root, int number) =>
        Path.Combine(root, GenerationsFolder, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The generation <c>current</c> names, or null when there is none or it cannot be read.</summary>
    public static int? ReadCurrent(string root)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(root, PointerFile)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Points <c>current</c> at generation <paramref name="number"/>: written to a temporary file, flushed to disk, then renamed over the old pointer.</summary>
    public static void WriteCurrent(string root, int number)
    {
        var pointer = Path.Combine(root, PointerFile);
        var temporary = pointer + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.ASCII.GetBytes(number.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, pointer, overwrite: true);
    }

    /// <summary>The generation numbers that have a folder, whatever state it is in.</summary>
    public static IEnumerable<int> ExistingGenerations(string root)
    {
        var folder = Path.Combine(root, GenerationsFolder);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0)
            .ToList();
    }

    /// <summary>A number above every generation folder, current or abandoned.</summary>
    public static int NextNumber(string root) => ExistingGenerations(root).DefaultIfEmpty(0).Max() + 1;

    /// <summary>
    /// Deletes generation folders other than <paramref name="keep"/>: rebuilds a crash interrupted, and old
    /// generations a crash kept from being deleted. Only safe while this process holds the current generation's
    /// write lock, which no other process can then be rebuilding under.
    /// </summary>
    public static void DeleteOtherGenerations(string root, int keep)
    {
        foreach (var number in ExistingGenerations(root).Where(n => n != keep)) TryDelete(GenerationPath(root, number));
    }

    /// <summary>
    /// Deletes the Lucene files of an index kept directly in <paramref name="root"/> (the layout before
    /// generations). Such an index only ever held briefs indexed from files, which a new index is built from again.
    /// </summary>
    public static void DeleteUnversionedIndexFiles(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('_') || name.StartsWith("segments", StringComparison.Ordinal) || name == "write.lock")
            {
                try { File.Delete(file); } catch (IOException) { /* in use or gone: harmless, it is not read */ }
            }
        }
    }

    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start, which deletes every generation that is not current.
        }
    }
}
