using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The briefs of one size and seed: their plans in memory and their Markdown files in
/// <c>&lt;work&gt;/briefs-&lt;N&gt;-&lt;seed&gt;/</c>. The files are written once; a later run finds the folder
/// complete (a marker holding the fingerprint of every file's text) and leaves it as it is.
/// </summary>
public sealed class GeneratedCorpus
{
    private const string CompleteMarker = ".complete";

    private GeneratedCorpus(string folder, IReadOnlyList<BriefPlan> plans, bool written)
    {
        Folder = folder;
        Plans = plans;
        WrittenNow = written;
    }

    public string Folder { get; }
    public IReadOnlyList<BriefPlan> Plans { get; }

    /// <summary>False when the folder was already complete from an earlier run.</summary>
    public bool WrittenNow { get; }

    public string PathOf(BriefPlan plan) => Path.Combine(Folder, plan.FileName);

    public static GeneratedCorpus Prepare(string workFolder, int count, int seed, CorpusComposer composer, BriefMarkdownWriter writer)
    {
        var folder = Path.Combine(workFolder, string.Create(CultureInfo.InvariantCulture, $"briefs-{count}-{seed}"));
        var plans = composer.Compose(count);
        var texts = plans.Select(writer.Write).ToList();
        var fingerprint = Fingerprint(texts);
        var marker = Path.Combine(folder, CompleteMarker);
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == fingerprint)
            return new GeneratedCorpus(folder, plans, written: false);

        // A folder left half-written, or written by another version of the composer, is written again from scratch.
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        for (var i = 0; i < plans.Count; i++) File.WriteAllText(Path.Combine(folder, plans[i].FileName), texts[i], new UTF8Encoding(false));
        File.WriteAllText(marker, fingerprint + "\n");
        return new GeneratedCorpus(folder, plans, written: true);
    }

    private static string Fingerprint(IEnumerable<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in texts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
