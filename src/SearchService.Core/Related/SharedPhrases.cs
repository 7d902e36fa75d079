using System.Text.RegularExpressions;

namespace SearchService.Core.Related;

/// <summary>
/// The key phrases two briefs share: two- and three-word phrases that both use as written (within a clause, never
/// across punctuation), whose ends are subject words (no function word, number or symbol), ranked by how rare their
/// words are in the index, leaving out phrases whose every word most briefs use.
/// </summary>
internal static partial class SharedPhrases
{
    public const int Shown = 5;

    private const int ShortestPhrase = 7;

    /// <summary>
    /// Every phrase of <paramref name="passages"/> that could be shared: a list's source is read once, then compared
    /// with each related brief explained in detail.
    /// </summary>
    public static HashSet<string> Of(BriefPassages passages)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        ForEachPhrase(passages, phrase => phrases.Add(phrase.ToString()));
        return phrases;
    }

    /// <summary>
    /// The phrases of <paramref name="source"/> (from <see cref="Of"/>) that <paramref name="related"/> uses too, rarest
    /// first: <paramref name="documentFrequency"/> says how many of the index's <paramref name="briefs"/> briefs use a
    /// word (any form of it).
    /// </summary>
    public static List<string> Between(HashSet<string> source, BriefPassages related, Func<string, int> documentFrequency, int briefs)
    {
        // The related brief's phrases are only looked up, never kept: no string per phrase.
        var sourceLookup = source.GetAlternateLookup<ReadOnlySpan<char>>();
        var both = new HashSet<string>(StringComparer.Ordinal);
        ForEachPhrase(related, phrase =>
        {
            if (sourceLookup.TryGetValue(phrase, out var known)) both.Add(known);
        });

        var common = Math.Max(2, briefs / 2);
        var ranked = both
            .Select(phrase =>
            {
                var frequencies = phrase.Split(' ').Select(w => Math.Max(1, documentFrequency(w))).ToList();
                return (Phrase: phrase, Common: frequencies.All(f => f > common), Rarity: frequencies.Sum(f => Math.Log((briefs + 1.0) / f)));
            })
            .Where(p => !p.Common)
            .OrderByDescending(p => p.Rarity).ThenBy(p => p.Phrase, StringComparer.Ordinal);
        var shown = new List<string>();
        foreach (var (phrase, _, _) in ranked)
        {
            // One phrase per idea: "artificial intelligence" hides "artificial intelligence systems".
            var words = phrase.Split(' ');
            if (shown.Any(s => s.Split(' ').Intersect(words).Any())) continue;
            shown.Add(phrase);
            if (shown.Count == Shown) break;
        }
        return shown;
    }

    private delegate void PhraseAction(ReadOnlySpan<char> phrase);

    /// <summary>
    /// Each two- and three-word phrase of the passages, lower-cased and joined by single spaces (a view valid during
    /// the call; a phrase used twice comes twice).
    /// </summary>
    private static void ForEachPhrase(BriefPassages passages, PhraseAction action)
    {
        var joined = new char[256];
        foreach (var text in passages.AllTexts)
        {
            // Lower-casing is per character, so the whole text at once gives the words lower-casing each would.
            foreach (var clause in ClauseBreak().Split(text.ToLowerInvariant()))
            {
                var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 2) continue;
                var subject = new bool[words.Length];
                var lettersOnly = new bool[words.Length];
                for (var i = 0; i < words.Length; i++)
                {
                    var word = words[i] = words[i].Trim('"', '\'', '’', '‘', '“', '”');
                    subject[i] = RelatedReasons.IsSubjectWord(word);
                    lettersOnly[i] = IsLettersOnly(word);
                }

                for (var i = 0; i < words.Length; i++)
                {
                    if (!subject[i] || !lettersOnly[i]) continue;
                    var length = words[i].Length;
                    for (var end = i + 1; end <= i + 2 && end < words.Length && lettersOnly[end]; end++)
                    {
                        length += 1 + words[end].Length;
                        if (!subject[end] || length < ShortestPhrase) continue;
                        if (joined.Length < length) joined = new char[length * 2];
                        var at = 0;
                        for (var w = i; w <= end; w++)
                        {
                            if (w > i) joined[at++] = ' ';
                            words[w].CopyTo(joined.AsSpan(at));
                            at += words[w].Length;
                        }
                        action(joined.AsSpan(0, length));
                    }
                }
            }
        }
    }

    private static bool IsLettersOnly(string word)
    {
        if (word.Length == 0) return false;
        foreach (var c in word)
        {
            if (!char.IsLetter(c) && c is not '-') return false;
        }
        return true;
    }

    [GeneratedRegex(@"[.,;:!?()\[\]{}—–/|•]+|\s-\s")]
    private static partial Regex ClauseBreak();
}
