using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Briefs;
using SearchService.Core.Caching;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Reads what pair features need of a brief when it is needed: its facts from the stored fields (remembered per
/// immutable segment document, bounded) and its text profile (remembered by content hash, bounded, persisted in the
/// <see cref="RelatedStore"/>; computed by the text model in one batch for the briefs that have none yet).
/// </summary>
internal sealed class BriefProfiles(BriefTextModel? textModel, RelatedStore? store)
{
    private const int FactsKept = 200_000;
    private const int ProfilesKept = 2_000;
    private static readonly ISet<string> StoredFieldsToLoad = new HashSet<string> { IndexFields.Json, IndexFields.ContentHash };

    private readonly BoundedCache<(object Core, int Doc), BriefFacts> _facts = new(FactsKept);
    private readonly BoundedCache<string, BriefTextProfile> _profiles = new(ProfilesKept, StringComparer.Ordinal);

    public BriefTextModel? TextModel => textModel;

    public BriefFacts Read(IList<AtomicReaderContext> leaves, int doc) => Read(leaves, [doc])[0];

    /// <summary>The facts of top-level documents <paramref name="docs"/> (brief documents), with text profiles when there is a text model.</summary>
    public BriefFacts[] Read(IList<AtomicReaderContext> leaves, IReadOnlyList<int> docs) => WithText(leaves, docs, Facts(leaves, docs, out var briefs), briefs);

    /// <summary>The facts alone, without text profiles (cheap: no text model runs).</summary>
    public BriefFacts[] Facts(IList<AtomicReaderContext> leaves, IReadOnlyList<int> docs) => Facts(leaves, docs, out _);

    private BriefFacts[] Facts(IList<AtomicReaderContext> leaves, IReadOnlyList<int> docs, out Brief?[] briefs)
    {
        var facts = new BriefFacts[docs.Count];
        briefs = new Brief?[docs.Count];
        for (var i = 0; i < docs.Count; i++)
        {
            var (reader, segmentDoc) = Locate(leaves, docs[i]);
            var key = (reader.CoreCacheKey, segmentDoc);
            if (_facts.TryGet(key, out var known))
            {
                facts[i] = known;
                continue;
            }
            if (FromDocValues(reader, segmentDoc) is not { } fromDocValues)
            {
                var (brief, hash) = Stored(reader, segmentDoc);
                briefs[i] = brief;
                fromDocValues = BriefFacts.Of(brief, hash, null);
            }
            facts[i] = fromDocValues;
            _facts.Set(key, facts[i]);
        }
        return facts;
    }

    /// <summary>
    /// The word weights of each of <paramref name="docs"/> (whose facts are <paramref name="facts"/>): from a remembered
    /// profile, else read alone from the store, else from the whole profile, computed and stored as <see cref="Read(IList{AtomicReaderContext}, IReadOnlyList{int})"/> does.
    /// All null without a text model.
    /// </summary>
    public SparseVector?[] Words(IList<AtomicReaderContext> leaves, IReadOnlyList<int> docs, BriefFacts[] facts)
    {
        var words = new SparseVector?[docs.Count];
        if (textModel is null) return words;
        var missing = new List<int>();
        for (var i = 0; i < docs.Count; i++)
        {
            var hash = facts[i].ContentHash;
            if (_profiles.TryGet(hash, out var profile)) words[i] = profile.Words;
            else if (store?.ProfileWords(hash) is { } stored) words[i] = stored;
            else missing.Add(i);
        }
        if (missing.Count == 0) return words;
        var computed = WithText(leaves, missing.Select(i => docs[i]).ToList(), missing.Select(i => facts[i]).ToArray(), new Brief?[missing.Count]);
        for (var j = 0; j < missing.Count; j++) words[missing[j]] = computed[j].Text?.Words;
        return words;
    }

    private BriefFacts[] WithText(IList<AtomicReaderContext> leaves, IReadOnlyList<int> docs, BriefFacts[] facts, Brief?[] briefs)
    {
        if (textModel is null) return facts;

        var missing = new List<int>();
        for (var i = 0; i < docs.Count; i++)
        {
            var hash = facts[i].ContentHash;
            if (_profiles.TryGet(hash, out var profile) || store?.Profile(hash) is { } stored && Remember(hash, stored, out profile))
                facts[i] = facts[i] with { Text = profile };
            else
                missing.Add(i);
        }
        if (missing.Count == 0) return facts;

        var texts = missing.Select(i => RelatedText.Of(briefs[i] ?? Stored(leaves, docs[i]).Brief)).ToList();
        var computed = textModel.Featurize(texts);
        var saved = new List<(string, BriefTextProfile)>();
        for (var j = 0; j < missing.Count; j++)
        {
            var i = missing[j];
            facts[i] = facts[i] with { Text = computed[j] };
            _profiles.Set(facts[i].ContentHash, computed[j]);
            saved.Add((facts[i].ContentHash, computed[j]));
        }
        store?.SaveProfiles(saved);
        return facts;
    }

    private bool Remember(string hash, BriefTextProfile profile, out BriefTextProfile remembered)
    {
        _profiles.Set(hash, profile);
        remembered = profile;
        return true;
    }

    /// <summary>
    /// The facts of a brief document read from its doc values and its stored content hash alone, without decoding the
    /// stored brief (a quarter of what a first fill of related lists allocated); null for an index written before headlines.
    /// </summary>
    private static BriefFacts? FromDocValues(AtomicReader reader, int segmentDoc)
    {
        if (reader.GetBinaryDocValues(IndexFields.Headline) is not { } headlines
            || BriefHeadline.Read(headlines, segmentDoc, new BytesRef()) is not { } headline
            || reader.GetSortedDocValues(IndexFields.BriefId) is not { } ids) return null;
        var id = new BytesRef();
        ids.Get(segmentDoc, id);
        var publisher = BriefDocuments.FacetValues(reader, IndexFields.Publisher, segmentDoc).FirstOrDefault();
        var date = reader.GetNumericDocValues(IndexFields.DateNumber) is { } dates ? BriefDocuments.FromDateNumber(dates.Get(segmentDoc)) : null;
        var hash = BriefDocuments.StoredContentHash(reader, segmentDoc);
        var briefId = id.Utf8ToString();
        return BriefFacts.Of(briefId, hash ?? briefId, headline.Title, headline.Tags, BriefDocuments.FacetValues(reader, IndexFields.Author, segmentDoc), publisher, date);
    }

    /// <summary>The stored brief of a top-level document.</summary>
    public static Brief Brief(IList<AtomicReaderContext> leaves, int doc) => Stored(leaves, doc).Brief;

    private static (Brief Brief, string Hash) Stored(IList<AtomicReaderContext> leaves, int doc)
    {
        var (reader, segmentDoc) = Locate(leaves, doc);
        return Stored(reader, segmentDoc);
    }

    private static (Brief Brief, string Hash) Stored(AtomicReader reader, int segmentDoc)
    {
        var stored = reader.Document(segmentDoc, StoredFieldsToLoad);
        var brief = BriefJson.Deserialize(stored.Get(IndexFields.Json));
        return (brief, stored.Get(IndexFields.ContentHash) ?? brief.Id);
    }

    private static (AtomicReader Reader, int Doc) Locate(IList<AtomicReaderContext> leaves, int doc)
    {
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return (leaf.AtomicReader, doc - leaf.DocBase);
    }
}
