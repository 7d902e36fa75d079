using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Core.Search;

/// <summary>
/// A <see cref="DisjunctionMaxQuery"/> (one word in several fields: the best field's score plus the tie breaker times
/// the others') whose matches are found through its covering disjuncts alone: every document a covered disjunct matches,
/// a covering one matches too (the whole-text field holds the title, summary, findings and recommendations), so the
/// covered fields' postings are read only to score a document already matched. Scores and matches are those of the plain
/// disjunction; a keyword search walked seven postings lists per word where three find the same documents.
/// </summary>
internal sealed class CoveredDisjunctionMaxQuery : DisjunctionMaxQuery
{
    private readonly int _covering;

    /// <param name="covering">Disjuncts that together match every document any disjunct matches.</param>
    /// <param name="covered">Disjuncts whose matches the covering ones all match too.</param>
    /// <param name="tieBreakerMultiplier">As <see cref="DisjunctionMaxQuery"/>'s.</param>
    public CoveredDisjunctionMaxQuery(IReadOnlyCollection<Query> covering, IReadOnlyCollection<Query> covered, float tieBreakerMultiplier)
        : base(tieBreakerMultiplier)
    {
        if (covering.Count == 0) throw new ArgumentException("At least one disjunct must cover the others.", nameof(covering));
        foreach (var query in covering.Concat(covered)) Add(query);
        _covering = covering.Count;
    }

    // Rewriting keeps the order of the disjuncts (covering first), and a clone keeps this type and the count.
    public override Weight CreateWeight(IndexSearcher searcher) => new CoveredWeight(this, searcher, _covering);

    private sealed class CoveredWeight(CoveredDisjunctionMaxQuery query, IndexSearcher searcher, int covering) : DisjunctionMaxWeight(query, searcher)
    {
        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs)
        {
            var scorers = m_weights.Select(w => w.GetScorer(context, acceptDocs)).ToList();
            var matching = scorers.Take(covering).OfType<Scorer>().ToArray();
            return matching.Length == 0 ? null : new CoveredScorer(this, matching, scorers.Skip(covering).OfType<Scorer>().ToArray(), query.TieBreakerMultiplier);
        }
    }

    /// <summary>Iterates the union of the covering scorers; moves a covered scorer only when a matched document is scored.</summary>
    private sealed class CoveredScorer(Weight weight, Scorer[] covering, Scorer[] covered, float tieBreaker) : Scorer(weight)
    {
        private int _doc = -1;

        public override int DocID => _doc;

        public override int NextDoc()
        {
            var next = NO_MORE_DOCS;
            foreach (var scorer in covering)
            {
                var doc = scorer.DocID == _doc ? scorer.NextDoc() : scorer.DocID;
                if (doc < next) next = doc;
            }
            return _doc = next;
        }

        public override int Advance(int target)
        {
            var next = NO_MORE_DOCS;
            foreach (var scorer in covering)
            {
                var doc = scorer.DocID < target ? scorer.Advance(target) : scorer.DocID;
                if (doc < next) next = doc;
            }
            return _doc = next;
        }

        public override float GetScore()
        {
            float max = float.NegativeInfinity, sum = 0;
            foreach (var scorer in covering)
            {
                if (scorer.DocID != _doc) continue;
                var score = scorer.GetScore();
                sum += score;
                max = Math.Max(max, score);
            }
            foreach (var scorer in covered)
            {
                if (scorer.DocID < _doc) scorer.Advance(_doc);
                if (scorer.DocID != _doc) continue;
                var score = scorer.GetScore();
                sum += score;
                max = Math.Max(max, score);
            }
            return max + (sum - max) * tieBreaker;
        }

        public override int Freq
        {
            get
            {
                var matching = covering.Count(s => s.DocID == _doc);
                foreach (var scorer in covered)
                {
                    if (scorer.DocID < _doc) scorer.Advance(_doc);
                    if (scorer.DocID == _doc) matching++;
                }
                return matching;
            }
        }

        public override long GetCost() => covering.Sum(s => s.GetCost());
    }
}
