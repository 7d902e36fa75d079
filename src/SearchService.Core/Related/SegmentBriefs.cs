using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// What related-brief scoring needs of every brief of one immutable Lucene segment, held in memory:
/// tags, authors, publisher, date and the text model's profile. Built once per segment (and text model),
/// shared by every searcher that sees the segment. Text profiles are also remembered by content hash,
/// so a merge that rewrites unchanged briefs into a new segment costs no featurizing.
/// </summary>
internal sealed class SegmentBriefs
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<object, SegmentBriefs>> Cache = new();
    private static readonly ConditionalWeakTable<BriefTextModel, ConcurrentDictionary<string, BriefTextProfile>> ProfilesByHash = new();
    private static readonly object NoTextModel = new();
    private static readonly ISet<string> StoredFieldsToLoad = new HashSet<string> { IndexFields.Json, IndexFields.ContentHash };

    /// <summary>Brief documents of the segment, ascending; a brief's passages are the documents up to the next brief.</summary>
    public required int[] Docs { get; init; }
    public required BriefFacts[] Facts { get; init; }
    public required int MaxDoc { get; init; }

    /// <summary>Row of segment document <paramref name="doc"/> in <see cref="Docs"/>, or a negative number.</summary>
    public int RowOf(int doc) => Array.BinarySearch(Docs, doc);

    /// <summary>The first document after brief row <paramref name="row"/> that is not one of its passages.</summary>
    public int EndOfBlock(int row) => row + 1 < Docs.Length ? Docs[row + 1] : MaxDoc;

    public static SegmentBriefs For(AtomicReader reader, BriefTextModel? textModel)
    {
        var byModel = Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<object, SegmentBriefs>());
        return byModel.GetOrAdd(textModel ?? NoTextModel, _ => Read(reader, textModel));
    }

    private static SegmentBriefs Read(AtomicReader reader, BriefTextModel? textModel)
    {
        var docs = new List<int>();
        var postings = reader.GetTermDocsEnum(new Term(IndexFields.DocType, IndexFields.BriefDoc));
        if (postings is not null)
        {
            while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS) docs.Add(postings.DocID);
        }

        var live = reader.LiveDocs;
        var briefs = new Brief?[docs.Count];
        var hashes = new string?[docs.Count];
        for (var row = 0; row < docs.Count; row++)
        {
            // A document deleted now stays deleted: it never needs facts.
            if (live is not null && !live.Get(docs[row])) continue;
            var stored = reader.Document(docs[row], StoredFieldsToLoad);
            briefs[row] = BriefJson.Deserialize(stored.Get(IndexFields.Json));
            hashes[row] = stored.Get(IndexFields.ContentHash);
        }

        var profiles = textModel is null ? new BriefTextProfile?[docs.Count] : Profiles(textModel, briefs, hashes);
        var facts = new BriefFacts[docs.Count];
        for (var row = 0; row < docs.Count; row++)
            facts[row] = briefs[row] is { } brief ? BriefFacts.Of(brief, hashes[row] ?? brief.Id, profiles[row]) : BriefFacts.Deleted;
        return new SegmentBriefs { Docs = [.. docs], Facts = facts, MaxDoc = reader.MaxDoc };
    }

    private static BriefTextProfile?[] Profiles(BriefTextModel textModel, Brief?[] briefs, string?[] hashes)
    {
        var known = ProfilesByHash.GetValue(textModel, _ => new ConcurrentDictionary<string, BriefTextProfile>(StringComparer.Ordinal));
        var profiles = new BriefTextProfile?[briefs.Length];
        var missing = new List<int>();
        for (var row = 0; row < briefs.Length; row++)
        {
            if (briefs[row] is null) continue;
            if (hashes[row] is { } hash && known.TryGetValue(hash, out var profile)) profiles[row] = profile;
            else missing.Add(row);
        }
        var computed = textModel.Featurize(missing.Select(row => RelatedText.Of(briefs[row]!)).ToList());
        for (var i = 0; i < missing.Count; i++)
        {
            profiles[missing[i]] = computed[i];
            if (hashes[missing[i]] is { } hash) known[hash] = computed[i];
        }
        return profiles;
    }
}

/// <summary>The facts of one brief that pair features compare.</summary>
/// <remarks>Tags, authors and publisher keep their written form; compare them ignoring case.</remarks>
internal sealed record BriefFacts(string Id, string ContentHash, string Title, string[] Tags, string[] Authors, string? Publisher, double? Year, BriefTextProfile? Text)
{
    public static BriefFacts Deleted { get; } = new("", "", "", [], [], null, null, null);

    public static BriefFacts Of(Brief brief, string contentHash, BriefTextProfile? text) => new(
        brief.Id,
        contentHash,
        brief.Title,
        brief.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        brief.Authors.Select(a => a.Name.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        string.IsNullOrWhiteSpace(brief.Publisher) ? null : brief.Publisher.Trim(),
        brief.Date is { } date ? date.Year + (date.DayOfYear - 1) / 365.25 : null,
        text);
}
