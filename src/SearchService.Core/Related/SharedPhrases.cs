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

    /// <summary>
    /// The phrases both <paramref name="source"/> and <paramref name="related"/> use, rarest first: <paramref name="documentFrequency"/>
    /// says how many of the index's <paramref name="briefs"/> briefs use a word (any form of it).
    /// </summary>
    public static List<string> Between(BriefPassages source, BriefPassages related, Func<string, int> documentFrequency, int briefs)
    {
        var theirs = Phrases(related).ToHashSet(StringComparer.Ordinal);
        var common = Math.Max(2, briefs / 2);
        var ranked = Phrases(source).Distinct(StringComparer.Ordinal).Where(theirs.Contains)
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

    private static IEnumerable<string> Phrases(BriefPassages passages)
    {
        foreach (var text in passages.AllTexts)
        {
            foreach (var clause in ClauseBreak().Split(text))
            {
                var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"', '\'', '’', '‘', '“', '”').ToLowerInvariant()).ToArray();
                for (var i = 0; i < words.Length; i++)
                {
                    if (!RelatedReasons.IsSubjectWord(words[i])) continue;
                    for (var length = 2; length <= 3 && i + length <= words.Length; length++)
                    {
                        var phrase = words.AsSpan(i, length);
                        if (!RelatedReasons.IsSubjectWord(phrase[^1]) || !AllWords(phrase)) continue;
                        var joined = string.Join(' ', phrase.ToArray());
                        if (joined.Length >= 7) yield return joined;
                    }
                }
            }
        }
    }

    private static bool AllWords(ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (word.Length == 0 || !word.All(c => char.IsLetter(c) || c is '-')) return false;
        }
        return true;
    }

    [GeneratedRegex(@"[.,;:!?()\[\]{}—–/|•]+|\s-\s")]
    private static partial Regex ClauseBreak();
}
