using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

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
            .Select(group => GroupQuery(group, fields))
            .OfType<Query>()
            .ToList();
        var negative = query.Excluded.Select(part => PartQuery(part, fields)).OfType<Query>().ToList();
        if (positive.Count == 0 && negative.Count == 0) return null;

        var result = new BooleanQuery();
        foreach (var clause in positive) result.Add(clause, Occur.SHOULD);
        if (positive.Count == 0) result.Add(new MatchAllDocsQuery(), Occur.MUST);
        else result.MinimumNumberShouldMatch = requireAll ? positive.Count : 1;
        foreach (var clause in negative) result.Add(clause, Occur.MUST_NOT);
        return result;
    }

    /// <summary>Number of groups that still have terms after analysis.</summary>
    public int CountSearchableGroups(UserQuery query) =>
        query.Groups.Count(group => group.Any(part => analyzer.Terms(part.Text).Count > 0));

    private Query? GroupQuery(IReadOnlyList<QueryPart> group, FieldWeights fields)
    {
        var alternatives = group.Select(part => PartQuery(part, fields)).OfType<Query>().ToList();
        if (alternatives.Count <= 1) return alternatives.FirstOrDefault();
        var any = new BooleanQuery();
        foreach (var alternative in alternatives) any.Add(alternative, Occur.SHOULD);
        return any;
    }

    private Query? PartQuery(QueryPart part, FieldWeights fields)
    {
        var terms = analyzer.TermsWithPositions(part.Text);
        if (terms.Count == 0) return null;

        var perField = new DisjunctionMaxQuery(fields.TieBreaker);
        foreach (var (field, weight) in fields.Weights)
        {
            Query fieldQuery;
            if (terms.Count == 1)
            {
                fieldQuery = new TermQuery(new Term(field, terms[0].Term));
            }
            else
            {
                // A quoted phrase, or one typed word the analyser splits ("AI-enabled"): words in order.
                var phrase = new PhraseQuery();
                foreach (var (term, position) in terms) phrase.Add(new Term(field, term), position);
                fieldQuery = phrase;
            }
            fieldQuery.Boost = weight;
            perField.Add(fieldQuery);
        }
        return perField;
    }
}
