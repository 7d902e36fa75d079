using System.Text.Json;
using System.Text.RegularExpressions;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Passages;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The real text generated briefs are recombined from: the shared GAO and CRS reports (read with the service's own
/// extractor, so their findings and recommendations come out as the service sees them) and the BEIR datasets.
/// Everything is read in a fixed order, so the same seed always yields the same corpus.
/// </summary>
public sealed partial class SourceLibrary
{
    /// <summary>Related-reports abstracts kept out of the corpus for the upload probe.</summary>
    private const int HeldOutCount = 10;

    private readonly List<SourceUnit> _units = [];
    private readonly List<SourceDocument> _documents = [];
    private readonly List<SourceStatement> _findings = [];
    private readonly List<SourceStatement> _recommendations = [];
    private readonly List<HeldOutAbstract> _heldOut = [];

    public IReadOnlyList<SourceUnit> Units => _units;
    public IReadOnlyList<SourceDocument> Documents => _documents;

    /// <summary>Statements that read as findings: reports' own findings, and declarative sentences of the chunks.</summary>
    public IReadOnlyList<SourceStatement> Findings => _findings;

    /// <summary>Reports' own recommendations, and sentences of the chunks that say what someone should do.</summary>
    public IReadOnlyList<SourceStatement> Recommendations => _recommendations;

    public IReadOnlyList<HeldOutAbstract> HeldOut => _heldOut;

    public static SourceLibrary Load(string sharedFolder)
    {
        var library = new SourceLibrary();
        library.AddReports(Path.Combine(sharedFolder, "corpora", "gao-reports", "markdown"), SourceCollection.GaoReports);
        library.AddReports(Path.Combine(sharedFolder, "corpora", "crs-reports", "markdown"), SourceCollection.CrsReports);
        library.AddAbstracts(Path.Combine(sharedFolder, "datasets", "gao-related", "corpus.jsonl"), SourceCollection.GaoRelated);
        library.AddAbstracts(Path.Combine(sharedFolder, "datasets", "scifact", "corpus.jsonl"), SourceCollection.SciFact);
        library.AddAbstracts(Path.Combine(sharedFolder, "datasets", "cisi", "corpus.jsonl"), SourceCollection.Cisi);
        if (library._units.Count == 0)
            throw new InvalidOperationException($"No source text found under {sharedFolder}: the scale benchmark needs its corpora/ and datasets/ folders.");
        return library;
    }

    private void AddReports(string folder, SourceCollection collection)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Brief report;
            try
            {
                report = BriefExtractor.Extract(file);
            }
            catch (BriefExtractionException)
            {
                continue; // a source that does not extract is simply not used
            }
            var title = CleanTitle(report.Title);
            var documentIndex = _documents.Count;
            var chunks = new List<int>();
            foreach (var section in report.Sections.Where(s => s.Role is SectionRole.Other or SectionRole.Summary))
            {
                var heading = SectionRoleClassifier.Classify(section.Heading) == SectionRole.Other && IsBodyHeading(section.Heading) ? section.Heading : null;
                chunks.AddRange(PassageBuilder.Chunk(section.Text).Where(IsWholePassage).Select(chunk => AddUnit(documentIndex, title, chunk, heading)));
            }
            if (chunks.Count == 0) continue;
            // A report's own findings and recommendations have no chunk of their own: they derive from its first chunk.
            _findings.AddRange(report.Findings.Select(f => TextNormalizer.Normalize(f.Text)).Where(IsStatement).Select(text => new SourceStatement(text, chunks[0])));
            _recommendations.AddRange(report.Recommendations.Select(r => TextNormalizer.Normalize(r.Text)).Where(IsStatement).Select(text => new SourceStatement(text, chunks[0])));
            AddSentenceStatements(chunks);
            _documents.Add(new SourceDocument(documentIndex, collection, title, chunks, Summary: null));
        }
    }

    private void AddAbstracts(string corpusFile, SourceCollection collection)
    {
        if (!File.Exists(corpusFile)) return;
        var lines = File.ReadLines(corpusFile).Where(l => l.Length > 0).ToList();
        // The related-reports set's last abstracts stay out of the corpus: the upload probe uses them.
        var heldOutFrom = collection == SourceCollection.GaoRelated ? lines.Count - HeldOutCount : int.MaxValue;
        for (var i = 0; i < lines.Count; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var title = CleanTitle(json.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null);
            var text = TextNormalizer.Normalize(json.RootElement.TryGetProperty("text", out var x) ? x.GetString() : null);
            text = WithoutCutOffSentence(text);
            if (title.Length == 0 || text.Length == 0) continue;
            if (i >= heldOutFrom)
            {
                _heldOut.Add(new HeldOutAbstract(title, text));
                continue;
            }

            var documentIndex = _documents.Count;
            var chunks = PassageBuilder.Chunk(text).Where(IsWholePassage).Select(chunk => AddUnit(documentIndex, title, chunk, heading: null)).ToList();
            int? summary = null;
            if (collection == SourceCollection.GaoRelated && IsComposable(text) && WordCount(text) >= 25)
                summary = AddUnit(documentIndex, title, text, heading: null);
            if (chunks.Count == 0 && summary is null) continue;
            AddSentenceStatements(chunks);
            _documents.Add(new SourceDocument(documentIndex, collection, title, chunks, summary));
        }
    }

    private int AddUnit(int document, string title, string text, string? heading)
    {
        _units.Add(new SourceUnit(_units.Count, document, title, text, heading));
        return _units.Count - 1;
    }

    private void AddSentenceStatements(IEnumerable<int> chunks)
    {
        foreach (var unit in chunks)
        {
            foreach (var sentence in SentenceEnd().Split(_units[unit].Text))
            {
                if (!IsStatement(sentence) || !sentence.EndsWith('.')) continue;
                if (Advice().IsMatch(sentence)) _recommendations.Add(new SourceStatement(sentence, unit));
                else if (WordCount(sentence) <= 40) _findings.Add(new SourceStatement(sentence, unit));
            }
        }
    }

    /// <summary>
    /// A chunk the service will keep as exactly one passage when it is a section of its own: the size
    /// <see cref="PassageBuilder"/> aims for, and nothing Markdown would read as markup.
    /// </summary>
    private static bool IsWholePassage(string chunk) =>
        WordCount(chunk) is >= PassageBuilder.TargetChunkWords and <= PassageBuilder.MaxChunkWords && IsComposable(chunk);

    private static bool IsStatement(string text) => WordCount(text) is >= 10 and <= 60 && IsComposable(text);

    /// <summary>
    /// Text that survives being written into Markdown and read back unchanged: it starts like a sentence and holds
    /// no emphasis, link, HTML, table or code syntax, no URL and no entity.
    /// </summary>
    public static bool IsComposable(string text) =>
        text.Length > 0 && char.IsAsciiLetterUpper(text[0]) && !MarkupOrLink().IsMatch(text);

    private static bool IsBodyHeading(string heading) =>
        WordCount(heading) is >= 1 and <= 8 && char.IsAsciiLetterUpper(heading[0]) && IsComposable(heading) && !heading.EndsWith(':');

    /// <summary>The related-reports abstracts are cut off mid-sentence with an ellipsis: keep their whole sentences.</summary>
    private static string WithoutCutOffSentence(string text)
    {
        if (!TrailingEllipsis().IsMatch(text)) return text;
        var cut = TrailingEllipsis().Replace(text, "").TrimEnd();
        var lastStop = cut.LastIndexOfAny(['.', '!', '?']);
        return lastStop > 0 ? cut[..(lastStop + 1)] : cut;
    }

    private static string CleanTitle(string? title) => TextNormalizer.Normalize(title).TrimEnd('.', ' ');

    /// <summary>The sentences of a text, split where the service splits them.</summary>
    public static IReadOnlyList<string> Sentences(string text) => SentenceEnd().Split(text).Where(s => s.Length > 0).ToList();

    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"[*_\[\]<>|`\\#~{}]|https?:|www\.|&#?\w+;")]
    private static partial Regex MarkupOrLink();

    // The service's own sentence boundary (PassageBuilder), so a sentence taken here is a sentence there.
    [GeneratedRegex(@"(?<=[.!?][""')\]]?)\s+(?=[A-Z0-9""'(\[])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\b(should|must|recommends?|urges?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Advice();

    [GeneratedRegex(@"(\.\.\.|…)$")]
    private static partial Regex TrailingEllipsis();
}
