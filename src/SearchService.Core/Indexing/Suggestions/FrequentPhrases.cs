using Lucene.Net.Analysis.En;

namespace SearchService.Core.Indexing.Suggestions;

/// <summary>
/// The two- and three-word phrases a text repeats ("AI sovereignty", "Department of Defense"). Without
/// a part-of-speech tagger, "noun-ish" is approximated: a phrase never crosses punctuation, never starts
/// or ends with a function word, preposition, auxiliary, light verb, common adverb or number, and may
/// only have "of", "and", "for", "in", "on" or "to" in the middle of three words.
/// </summary>
internal static class FrequentPhrases
{
    public const int MinOccurrences = 2;
    public const int MaxPhrases = 25;

    private static readonly HashSet<string> NotAtEdges =
    [
        "also", "about", "across", "after", "all", "among", "any", "been", "before", "being", "between", "both",
        "can", "cannot", "could", "did", "do", "does", "each", "had", "has", "have", "having", "he", "her", "his",
        "how", "however", "i", "its", "may", "might", "more", "most", "much", "must", "other", "our", "over",
        "shall", "she", "should", "some", "than", "them", "through", "thus", "under", "us", "very", "we", "were",
        "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "within", "without", "would",
        "you", "your", "including", "etc", "e.g", "i.e",
        "additional", "certain", "current", "further", "recent", "several", "various",
        "above", "according", "against", "along", "although", "around", "away", "because", "below", "beyond", "due",
        "during", "either", "even", "every", "from", "just", "neither", "nor", "only", "per", "since", "so", "though",
        "toward", "towards", "until", "upon", "via", "whether", "yet",
        "continue", "continues", "ensure", "ensures", "help", "helps", "include", "included", "includes", "make",
        "makes", "making", "take", "takes", "taking",
        "fully", "largely", "mostly", "partially", "particularly", "significantly",
    ];

    private static readonly HashSet<string> AllowedInside = ["of", "and", "for", "in", "on", "to"];

    /// <summary>Phrases repeated across <paramref name="texts"/>, most frequent first, each in its most usual written form.</summary>
    public static IReadOnlyList<(string Text, int Count)> Find(IEnumerable<string> texts)
    {
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var words = PlainWordsAnalyzer.Instance.Words(text);
            for (var start = 0; start < words.Count; start++)
            {
                for (var length = 2; length <= 3 && start + length <= words.Count; length++)
                {
                    var span = words.GetRange(start, length);
                    if (!IsPhrase(text, span)) continue;
                    var key = string.Join(' ', span.Select(w => w.Term));
                    if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally(length);
                    tally.Add(Surface(text, span), AtSentenceStart(text, span[0].Start));
                }
            }
        }
        var frequent = tallies.Where(t => t.Value.Count >= MinOccurrences).ToList();
        var inLonger = LongestContainingCounts(frequent);
        return frequent
            // "National Quantum" is no phrase of its own when it only ever occurs in "National Quantum Initiative".
            .Where(t => inLonger.GetValueOrDefault(t.Key) < t.Value.Count)
            .OrderByDescending(t => t.Value.Count)
            .ThenByDescending(t => t.Value.Words)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(MaxPhrases)
            .Select(t => (t.Value.BestSurface(), t.Value.Count))
            .ToList();
    }

    /// <summary>For each two-word phrase, the highest count of a three-word phrase that begins or ends with it.</summary>
    private static Dictionary<string, int> LongestContainingCounts(List<KeyValuePair<string, Tally>> phrases)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, tally) in phrases.Where(p => p.Value.Words == 3))
        {
            var first = key.IndexOf(' ');
            var last = key.LastIndexOf(' ');
            foreach (var part in new[] { key[..last], key[(first + 1)..] })
                counts[part] = Math.Max(counts.GetValueOrDefault(part), tally.Count);
        }
        return counts;
    }

    private static bool IsPhrase(string text, List<WrittenWord> span)
    {
        if (!CanBeEdge(span[0].Term) || !CanBeEdge(span[^1].Term)) return false;
        if (span.Count == 3 && !CanBeEdge(span[1].Term) && !AllowedInside.Contains(span[1].Term)) return false;
        for (var i = 1; i < span.Count; i++)
        {
            var gap = text.AsSpan(span[i - 1].End, span[i].Start - span[i - 1].End);
            // Words joined by spaces or one hyphen ("AI-enabled systems"); punctuation ends a phrase.
            if (!(gap.IsWhiteSpace() || gap is "-")) return false;
        }
        return true;
    }

    private static bool CanBeEdge(string term) =>
        term.Length >= 2
        && term.Any(char.IsLetter)
        && !EnglishAnalyzer.DefaultStopSet.Contains(term)
        && !NotAtEdges.Contains(term);

    private static string Surface(string text, List<WrittenWord> span) =>
        string.Join(' ', text[span[0].Start..span[^1].End].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A capital at the start of a sentence says nothing about how the phrase is usually written.</summary>
    private static bool AtSentenceStart(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            if (char.IsWhiteSpace(text[i])) continue;
            return text[i] is '.' or '!' or '?' or ':' or ';' or '•' or '*' or '-' or '(' or '"' or '\u201C';
        }
        return true;
    }

    private sealed class Tally(int words)
    {
        private readonly Dictionary<string, int> _midSentence = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _anywhere = new(StringComparer.Ordinal);

        public int Words { get; } = words;
        public int Count { get; private set; }

        public void Add(string surface, bool atSentenceStart)
        {
            Count++;
            _anywhere[surface] = _anywhere.GetValueOrDefault(surface) + 1;
            if (!atSentenceStart) _midSentence[surface] = _midSentence.GetValueOrDefault(surface) + 1;
        }

        public string BestSurface()
        {
            var forms = _midSentence.Count > 0 ? _midSentence : _anywhere;
            return forms.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
        }
    }
}
