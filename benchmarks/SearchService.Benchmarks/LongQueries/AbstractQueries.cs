using SearchService.Core.Relevance;

namespace SearchService.Benchmarks.LongQueries;

/// <summary>
/// A judged set whose queries are whole abstracts, built from SciFact without inventing a judgment: the claims of
/// both splits that cite two or more abstracts give pairs of abstracts that bear on the same claim. Each such abstract
/// becomes a query (its text, without the title: the paragraph an analyst would paste), and the abstracts cited by
/// the same claims are its relevant documents. Its own document stays in the corpus and is ignored in its ranking,
/// as BEIR ignores a result whose id is the query's.
/// </summary>
public static class AbstractQueries
{
    public static BeirDataset FromSciFact(string sciFactFolder)
    {
        var splits = new[] { "train", "test" }.Select(split => BeirDataset.Load(sciFactFolder, split)).ToList();
        var corpus = splits[0].Corpus;
        var texts = corpus.ToDictionary(d => d.Id, d => d.Text, StringComparer.Ordinal);

        var relevant = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var cited in splits.SelectMany(s => s.Judgments.Values).Select(j => j.Where(p => p.Value > 0).Select(p => p.Key).Where(texts.ContainsKey).ToList()))
        {
            if (cited.Count < 2) continue;
            foreach (var query in cited)
            {
                if (!relevant.TryGetValue(query, out var others)) relevant[query] = others = new SortedSet<string>(StringComparer.Ordinal);
                others.UnionWith(cited.Where(id => id != query));
            }
        }

        return new BeirDataset
        {
            Name = "scifact-abstracts",
            Corpus = corpus,
            Queries = relevant.Keys.ToDictionary(id => id, id => texts[id], StringComparer.Ordinal),
            Judgments = relevant.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value.ToDictionary(id => id, _ => 1, StringComparer.Ordinal), StringComparer.Ordinal),
        };
    }
}
