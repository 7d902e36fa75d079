using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;

namespace SearchService.Core.Search;

/// <summary>
/// Builds Lucene queries in code from a parsed <see cref="UserQuery"/>: each word or phrase is
/// analysed like the indexed text and searched in every weighted field (best field wins, the others
/// add a little). Nothing is handed to a query parser, so no input can make it throw.
/// </summary>
internal sealed class LuceneQueryBuilder(EnglishSearchAnalyzer analyzer)
{
    /// <summary>
    /// The query for <paramref name="query"/>, or null when it has nothing to search for (only stop
    /// words). With <paramref name="requireAll"/> every group must match; otherwise any one may.
    /// </summary>
    public Query? Build(UserQuery query, FieldWeights fields, bool requireAll)
    {
        var positive = query.Groups
            .Select(group => GroupQuery(group, fields, requireAll))
            .OfType<Query>()
            .ToList();
        var negative = query.Excluded.Select(part => PartQuery(part, fields, requireAll: true)).OfType<Query>().ToList();
        if (positive.Count == 0 && negative.Count == 0) return null;

        var result = new BooleanQuery();
        foreach (var clause in positive) result.Add(clause, Occur.SHOULD);
        if (positive.Count == 0) result.Add(new TermQuery(new Term(IndexFields.DocType, fields.DocType)), Occur.MUST); // only exclusions: every document of the type but those
        else result.MinimumNumberShouldMatch = requireAll ? positive.Count : 1;
        foreach (var clause in negative) result.Add(clause, Occur.MUST_NOT);
        return result;
    }

    /// <summary>Number of groups that still have terms after analysis.</summary>
    public int CountSearchableGroups(UserQuery query) =>
        query.Groups.Count(group => group.Any(part => analyzer.Terms(part.Text).Count > 0));

    private Query? GroupQuery(IReadOnlyList<QueryPart> group, FieldWeights fields, bool requireAll)
    {
        var alternatives = group.Select(part => PartQuery(part, fields, requireAll)).OfType<Query>().ToList();
        if (alternatives.Count <= 1) return alternatives.FirstOrDefault();
        var any = new BooleanQuery();
        foreach (var alternative in alternatives) any.Add(alternative, Occur.SHOULD);
        return any;
    }

    private Query? PartQuery(QueryPart part, FieldWeights fields, bool requireAll)
    {
        var terms = analyzer.TermsWithPositions(part.Text);
        if (terms.Count == 0) return null;
        if (terms.Count == 1) return AcrossFields(fields, field => new TermQuery(new Term(field, terms[0].Term)));
        if (part.IsPhrase)
        {
            return AcrossFields(fields, field =>
            {
                var phrase = new PhraseQuery();
                foreach (var (term, position) in terms) phrase.Add(new Term(field, term), position);
                return phrase;
            });
        }

        // One typed word the analyser splits ("T-cell", "AI-enabled"): its pieces, as a query parser
        // without automatic phrases reads them; all required when every word must match.
        var pieces = new BooleanQuery();
        foreach (var (term, _) in terms) pieces.Add(AcrossFields(fields, field => new TermQuery(new Term(field, term))), Occur.SHOULD);
        pieces.MinimumNumberShouldMatch = requireAll ? terms.Count : 1;
        return pieces;
    }

    /// <summary>The same query in every weighted field: the best field counts, the others add a little.</summary>
    private static Query AcrossFields(FieldWeights fields, Func<string, Query> forField)
    {
        if (fields.Weights.Count == 1)
        {
            var (field, weight) = fields.Weights.First();
            var single = forField(field);
            single.Boost = weight;
            return single;
        }
        Query Weighted(KeyValuePair<string, float> field)
        {
            var fieldQuery = forField(field.Key);
            fieldQuery.Boost = field.Value;
            return fieldQuery;
        }
        var covered = fields.Weights.Where(f => fields.Covered.Contains(f.Key)).Select(Weighted).ToList();
        var covering = fields.Weights.Where(f => !fields.Covered.Contains(f.Key)).Select(Weighted).ToList();
        if (covered.Count > 0 && covering.Count > 0) return new CoveredDisjunctionMaxQuery(covering, covered, fields.TieBreaker);
        var perField = new DisjunctionMaxQuery(fields.TieBreaker);
        foreach (var query in covering.Concat(covered)) perField.Add(query);
        return perField;
    }
}
