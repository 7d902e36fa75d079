using System.Text.Json;
using SearchService.Core.Indexing;

namespace SearchService.Core.Synonyms;

/// <summary>
/// The site's synonyms, kept in <c>synonyms.json</c> beside the index's generations (so a restart or reindex keeps
/// them) and compiled into the <see cref="Current"/> set that searches read without locking. A change is written to
/// disk (a temporary file renamed over the old one) before it is served.
/// </summary>
public sealed class SynonymStore : IDisposable
{
    public const string FileName = "synonyms.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly EnglishSearchAnalyzer _analyzer = new();
    private readonly Lock _writing = new();
    private volatile SynonymSet _current;

    /// <summary>Opens the synonyms kept in <paramref name="folder"/> (none when the file does not exist yet).</summary>
    public SynonymStore(string folder)
    {
        Path = System.IO.Path.Combine(folder, FileName);
        _current = Load();
    }

    public string Path { get; }

    /// <summary>The synonyms in force; a search reads it once and keeps it to its end.</summary>
    public SynonymSet Current => _current;

    /// <summary>When the synonyms were last changed (the file's time), null when never.</summary>
    public DateTimeOffset? UpdatedAt => File.Exists(Path) ? File.GetLastWriteTimeUtc(Path) : null;

    /// <summary>Replaces every synonym by <paramref name="definitions"/>; throws <see cref="ArgumentException"/> saying what is wrong with them.</summary>
    public SynonymSet Replace(SynonymDefinitions definitions)
    {
        var set = SynonymSet.Create(definitions, _analyzer);
        lock (_writing)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, set.Definitions, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true);
            _current = set;
        }
        return set;
    }

    private SynonymSet Load()
    {
        if (!File.Exists(Path)) return SynonymSet.Empty;
        try
        {
            using var stream = File.OpenRead(Path);
            var definitions = JsonSerializer.Deserialize<SynonymDefinitions>(stream, Json) ?? SynonymDefinitions.None;
            return SynonymSet.Create(definitions, _analyzer);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"The synonyms file {Path} cannot be read: {e.Message} Fix or delete it (PUT /api/admin/synonyms writes a new one).", e);
        }
    }

    public void Dispose() => _analyzer.Dispose();
}
