using System.Text.RegularExpressions;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;

namespace SearchService.Core.Passages;

/// <summary>
/// Cuts a brief into the passages that are searched and embedded: title with summary (when there is one), each finding,
/// each recommendation, and body chunks of about 80–130 words that end on sentence boundaries.
/// </summary>
/// <remarks>
/// Chunks are sized to what the sentence encoder reads: MiniLM sees 256 word pieces (about 170 words of
/// policy or scientific prose, title included), so a 150–250-word chunk lost its end. At 80–130 words
/// nothing is cut; shorter chunks double the passages to scan and store for little gain (figures: docs/relevance.md).
/// </remarks>
public static partial class PassageBuilder
{
    public const int TargetChunkWords = 80;
    public const int MaxChunkWords = 130;
    private const int MinChunkWords = 20;

    public static IReadOnlyList<Passage> Build(Brief brief) => Build(brief, boilerplate: null);

    /// <summary>
    /// The passages of <paramref name="brief"/>, without page furniture and without the paragraphs
    /// <paramref name="boilerplate"/> learned as its publisher's boilerplate.
    /// </summary>
    public static IReadOnlyList<Passage> Build(Brief brief, PublisherBoilerplate? boilerplate)
    {
        bool IsFurniture(string text) => PageFurniture.IsFurniture(text) || boilerplate?.IsBoilerplate(brief.Publisher, text, alsoHeldBy: brief.Id) == true;
        var passages = new List<Passage>();
        // Without a summary the title alone would be a passage of a few words: every chunk already
        // carries the title where it matters (snippets, embeddings), so it gets none.
        if (!string.IsNullOrWhiteSpace(brief.Summary))
            passages.Add(new($"{brief.Id}#summary", brief.Id, PassageKind.Summary, $"{brief.Title}. {brief.Summary}", null));
        passages.AddRange(brief.Findings.Select((f, i) => new Passage($"{brief.Id}#finding-{i + 1}", brief.Id, PassageKind.Finding, f.Text, f.Section))
            .Where(p => !IsFurniture(p.Text)));
        passages.AddRange(brief.Recommendations.Select((r, i) => new Passage($"{brief.Id}#recommendation-{i + 1}", brief.Id, PassageKind.Recommendation, r.Text, r.Section))
            .Where(p => !IsFurniture(p.Text)));

        var chunk = 0;
        foreach (var section in brief.Sections)
        {
            var kept = string.Join("\n\n", section.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(p => !IsFurniture(p.Trim())));
            foreach (var text in Chunk(kept))
                passages.Add(new Passage($"{brief.Id}#chunk-{++chunk}", brief.Id, PassageKind.Paragraph, text, section.Heading));
        }
        return passages;
    }

    /// <summary>Splits text into chunks of whole sentences, each near <see cref="TargetChunkWords"/> words.</summary>
    public static IEnumerable<string> Chunk(string text)
    {
        var current = new List<string>();
        var words = 0;
        foreach (var sentence in Sentences(text))
        {
            var sentenceWords = CountWords(sentence);
            if (words > 0 && (words >= TargetChunkWords || words + sentenceWords > MaxChunkWords))
            {
                yield return string.Join(" ", current);
                current.Clear();
                words = 0;
            }
            current.Add(sentence);
            words += sentenceWords;
        }
        if (words >= MinChunkWords || current.Count > 0 && words > 0) yield return string.Join(" ", current);
    }

    /// <summary>The sentences of <paramref name="text"/> as chunks are made of them (run-on ones cut by words).</summary>
    public static IEnumerable<string> Sentences(string text)
    {
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var sentence in SentenceEnd().Split(paragraph.Replace('\n', ' ')))
            {
                var trimmed = sentence.Trim();
                if (trimmed.Length == 0) continue;
                // A run-on "sentence" (a table, a list without stops) is cut by words so no chunk grows unbounded.
                var parts = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < parts.Length; i += MaxChunkWords)
                    yield return string.Join(" ", parts.Skip(i).Take(MaxChunkWords));
            }
        }
    }

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"(?<=[.!?][""')\]]?)\s+(?=[A-Z0-9""'(\[])")]
    private static partial Regex SentenceEnd();
}
