using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Why two briefs are related, in words a reader recognises: the key phrases both use (two- and three-word
/// phrases the text model weighs as distinctive, none of them a function word, number or symbol alone), shared
/// tags and authors, and a shared publisher; distinctive single words only when no phrase is shared.
/// </summary>
internal static class RelatedReasons
{
    private const int TermsShown = 6;

    /// <summary>
    /// Words that say nothing about a subject on their own: Lucene's English stop words and the function words and
    /// auxiliaries a text model's stop list may keep. A phrase may not begin or end with one.
    /// </summary>
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or",
        "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
        "including", "include", "includes", "also", "however", "may", "might", "can", "could", "would", "should", "must", "shall",
        "among", "within", "without", "across", "other", "others", "more", "most", "many", "much", "each", "every", "some", "any",
        "all", "both", "which", "while", "where", "when", "what", "who", "whom", "whose", "about", "after", "before", "between",
        "through", "during", "over", "under", "from", "than", "those", "has", "have", "had", "been", "being", "were", "its", "our",
        "we", "us", "them", "he", "she", "i", "me", "my", "so", "do", "up", "am", "an", "or", "go", "ie", "eg", "et", "al", "his", "her", "use", "used", "using", "new", "based", "well", "per", "via", "non", "like", "need",
        "areas", "area", "efforts", "according", "related", "certain", "several", "first", "second", "one", "two",
    };

    /// <summary>
    /// The reasons <paramref name="candidate"/> is related to <paramref name="source"/>; <paramref name="phrases"/> are the key
    /// phrases both use (<see cref="Related.SharedPhrases"/>), when they were read from the two briefs' passages.
    /// </summary>
    public static RelatedExplanation For(BriefFacts source, RelatedCandidate candidate, BriefTextModel? textModel, Func<IEnumerable<string>> lexicalTerms, List<string>? phrases = null)
    {
        var reasons = new List<string>();
        phrases ??= [];
        var target = candidate.Facts;
        if (phrases.Count > 0) reasons.Add("shared phrases: " + string.Join(", ", phrases));
        else if (textModel is not null && source.Text is { } sourceText && target.Text is { } text)
        {
            if (SharedTerms(sourceText, text, textModel) is { Count: > 0 } terms) reasons.Add("shared terms: " + string.Join(", ", terms));
        }
        else
        {
            var terms = lexicalTerms().Where(IsSubjectWord).Take(TermsShown).ToList();
            if (terms.Count > 0) reasons.Add("shared terms: " + string.Join(", ", terms));
        }

        var tags = source.Tags.Intersect(target.Tags, StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Count > 0) reasons.Add("shared tags: " + string.Join(", ", tags));
        var authors = source.Authors.Intersect(target.Authors, StringComparer.OrdinalIgnoreCase).ToList();
        if (authors.Count > 0) reasons.Add("same authors: " + string.Join(", ", authors));
        if (source.Publisher is { } publisher && string.Equals(publisher, target.Publisher, StringComparison.OrdinalIgnoreCase))
            reasons.Add("same publisher: " + publisher);
        if (reasons.Count == 0 && candidate.Features[RelatedFeatures.BriefCosine] is var cosine && !float.IsNaN(cosine))
            reasons.Add($"close in meaning (similarity {cosine:F2})");
        return new RelatedExplanation(reasons, phrases, tags);
    }

    /// <summary>A word of letters (a hyphen or apostrophe inside allowed), two or more of them ("AI"): no number or symbol.</summary>
    internal static bool IsWord(string word) =>
        word.Length >= 2 && char.IsLetter(word[0]) && char.IsLetter(word[^1]) && word.All(c => char.IsLetter(c) || c is '-' or '\'' or '’');

    /// <summary>A word that can name a subject: a word, and not a function word.</summary>
    internal static bool IsSubjectWord(string word) => IsWord(word) && !FunctionWords.Contains(word);

    /// <summary>The word n-grams that contribute most to the TF-IDF cosine; a phrase hides its own words.</summary>
    private static List<string> SharedTerms(BriefTextProfile source, BriefTextProfile target, BriefTextModel model)
    {
        var terms = new List<string>();
        foreach (var index in source.Words.SharedByContribution(target.Words))
        {
            var term = model.WordTermAt(index);
            // One- and two-letter tokens ("c", "us") mean nothing to a reader on their own.
            if (!term.Split(' ').All(IsSubjectWord) || terms.Any(t => Overlaps(t, term))) continue;
            terms.Add(term);
            if (terms.Count == TermsShown) break;
        }
        return terms;
    }

    private static bool Overlaps(string shown, string term)
    {
        var shownWords = shown.Split(' ');
        return term.Split(' ').Any(w => shownWords.Contains(w));
    }

    /// <summary>The source's distinctive MoreLikeThis terms that the candidate also contains, as written words.</summary>
    public static IEnumerable<string> LexicalTerms(Lucene.Net.Index.IndexReader reader, int doc, string[] interesting, IReadOnlyDictionary<string, string> surfaceForms)
    {
        var vector = reader.GetTermVector(doc, IndexFields.All);
        if (vector is null) yield break;
        var terms = vector.GetEnumerator();
        foreach (var term in interesting)
        {
            if (terms.SeekExact(new Lucene.Net.Util.BytesRef(term))) yield return surfaceForms.GetValueOrDefault(term, term);
        }
    }
}

/// <summary>The reasons in words, with the phrases and tags they name.</summary>
internal sealed record RelatedExplanation(List<string> Reasons, List<string> SharedPhrases, List<string> SharedTags);
