using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Why two briefs are related, in words a reader recognises: the LDA themes both are about (as the
/// theme's words that the briefs use), the distinctive words and phrases they share, shared tags and
/// authors, and a shared publisher.
/// </summary>
internal static class RelatedReasons
{
    private const int TermsShown = 6;
    private const int ThemeWordsShown = 4;
    /// <summary>A theme counts as shared when the product of its weights in the two (L2-normalised) mixtures reaches this.</summary>
    private const float SharedThemeWeight = 0.05f;

    public static List<string> For(BriefFacts source, RelatedCandidate candidate, BriefTextModel? textModel, Func<IEnumerable<string>> lexicalTerms)
    {
        var reasons = new List<string>();
        var target = candidate.Facts;
        if (textModel is not null && source.Text is { } sourceText && target.Text is { } text)
        {
            var themes = SharedThemes(sourceText, text, textModel);
            if (themes.Count > 0) reasons.Add("shared themes: " + string.Join("; ", themes));
            var terms = SharedTerms(sourceText, text, textModel);
            if (terms.Count > 0) reasons.Add("shared terms: " + string.Join(", ", terms));
        }
        else
        {
            var terms = lexicalTerms().Take(TermsShown).ToList();
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
        return reasons;
    }

    /// <summary>Themes both briefs weigh heavily, each as the theme's words the briefs use (both first).</summary>
    private static List<string> SharedThemes(BriefTextProfile source, BriefTextProfile target, BriefTextModel model)
    {
        if (source.Topics.Length != target.Topics.Length) return [];
        var sourceWords = Unigrams(source, model);
        var targetWords = Unigrams(target, model);
        return Enumerable.Range(0, Math.Min(source.Topics.Length, model.TopicCount))
            .Select(t => (Topic: t, Weight: source.Topics[t] * target.Topics[t]))
            .Where(t => t.Weight >= SharedThemeWeight)
            .OrderByDescending(t => t.Weight)
            .Take(2)
            .Select(t =>
            {
                var words = model.TopicWords[t.Topic];
                var used = words.Where(w => w.Length >= 3 && sourceWords.Contains(w) && targetWords.Contains(w))
                    .Concat(words.Where(w => sourceWords.Contains(w) || targetWords.Contains(w)))
                    .Distinct()
                    .Take(ThemeWordsShown)
                    .ToList();
                return string.Join(", ", used.Count > 0 ? used : words.Take(ThemeWordsShown - 1));
            })
            .Where(theme => theme.Length > 0)
            .ToList();
    }

    /// <summary>The word n-grams that contribute most to the TF-IDF cosine; a phrase hides its own words.</summary>
    private static List<string> SharedTerms(BriefTextProfile source, BriefTextProfile target, BriefTextModel model)
    {
        var terms = new List<string>();
        foreach (var index in source.Words.SharedByContribution(target.Words))
        {
            var term = model.WordTermAt(index);
            // One- and two-letter tokens ("c", "us") mean nothing to a reader on their own.
            if (term.Split(' ').Any(w => w.Length < 3) || terms.Any(t => Overlaps(t, term))) continue;
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

    private static HashSet<string> Unigrams(BriefTextProfile profile, BriefTextModel model) =>
        profile.Words.Indices.Select(model.WordTermAt).Where(t => t.Length > 0 && !t.Contains(' ', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

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
