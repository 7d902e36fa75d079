using System.Text;
using SearchService.Core.Briefs;

namespace SearchService.Core.Passages;

/// <summary>
/// Boilerplate learned from the briefs themselves rather than from a list: a paragraph that recurs nearly
/// verbatim (the same letters, whatever the case, digits, punctuation and spacing) in at least
/// <see cref="MinimumBriefs"/> briefs of one publisher, and in a large archive in <see cref="MinimumShare"/> of them, is that publisher's furniture ("This is a work of the
/// U.S. government …", a mission statement, an ordering notice). It is dropped from the passages and snippets
/// of every brief of that publisher, including briefs added later. Not thread-safe: its owner serialises changes.
/// </summary>
public sealed class PublisherBoilerplate
{
    /// <summary>Briefs of one publisher a paragraph must recur in to be boilerplate: more than a pair that quote each other.</summary>
    public const int MinimumBriefs = 3;
    /// <summary>Shorter paragraphs (a label, a one-word line) are left alone: recurring is what short text does anyway.</summary>
    public const int MinimumWords = 6;
    /// <summary>
    /// In a large archive, the share of a publisher's briefs a paragraph must also recur in: a notice is in nearly all of
    /// them, while a passage a few briefs quote (or a report reissued as a testimony) is in a handful of thousands.
    /// </summary>
    public const double MinimumShare = 0.02;

    // Sized for an archive of 100,000 briefs (~2.5 M distinct paragraphs): fingerprints are 128-bit values, not
    // strings; most paragraphs are held by one brief (no set for them); sentences are kept only for paragraphs seen twice.
    // publisher → paragraph fingerprint → the briefs holding it (Holders)
    private readonly Dictionary<string, Dictionary<UInt128, Holders>> _paragraphs = new(StringComparer.Ordinal);
    // brief id → (publisher, its fingerprints), so a brief can be forgotten or replaced
    private readonly Dictionary<string, (string Publisher, UInt128[] Fingerprints)> _briefs = new(StringComparer.Ordinal);
    // publisher → fingerprints of the sentences of its boilerplate paragraphs (passages are cut into sentences, not paragraphs)
    private readonly Dictionary<string, HashSet<UInt128>> _sentences = new(StringComparer.Ordinal);
    // paragraph fingerprint → fingerprints of its sentences (the fingerprint itself has lost the punctuation that splits
    // them); only for paragraphs held by two briefs or more, the only ones that can become boilerplate
    private readonly Dictionary<UInt128, UInt128[]> _sentencesOfParagraph = new();
    // publisher → briefs counted
    private readonly Dictionary<string, int> _briefsOf = new(StringComparer.Ordinal);
    private bool _sentencesStale;

    /// <summary>Whether a paragraph held by <paramref name="holders"/> briefs of <paramref name="publisher"/> recurs enough to be boilerplate.</summary>
    private bool Recurs(string publisher, int holders) =>
        holders >= Math.Max(MinimumBriefs, (int)Math.Ceiling(MinimumShare * _briefsOf.GetValueOrDefault(publisher)));

    /// <summary>Counts the paragraphs of <paramref name="brief"/> (replacing what was counted for its id before).</summary>
    public void Observe(Brief brief)
    {
        Forget(brief.Id);
        if (string.IsNullOrWhiteSpace(brief.Publisher)) return;
        var paragraphs = new Dictionary<UInt128, string>();
        foreach (var paragraph in Paragraphs(brief))
        {
            if (Fingerprint(paragraph) is { } fingerprint) paragraphs.TryAdd(fingerprint, paragraph);
        }
        if (paragraphs.Count == 0) return;
        var counts = Count(brief.Id, brief.Publisher, paragraphs.Keys.ToArray());
        foreach (var (fingerprint, paragraph) in paragraphs)
        {
            if (counts[fingerprint].Count >= 2 && !_sentencesOfParagraph.ContainsKey(fingerprint))
                _sentencesOfParagraph[fingerprint] = PassageBuilder.Sentences(paragraph).Select(s => Fingerprint(s, minimumWords: 4)).OfType<UInt128>().ToArray();
        }
        _sentencesStale = true;
    }

    /// <summary>Counts the distinct paragraph fingerprints of a brief not counted now; returns its publisher's counts.</summary>
    private Dictionary<UInt128, Holders> Count(string id, string publisher, UInt128[] fingerprints)
    {
        _briefs[id] = (publisher, fingerprints);
        _briefsOf[publisher] = _briefsOf.GetValueOrDefault(publisher) + 1;
        if (!_paragraphs.TryGetValue(publisher, out var counts)) _paragraphs[publisher] = counts = new();
        foreach (var fingerprint in fingerprints) counts[fingerprint] = counts.GetValueOrDefault(fingerprint).With(id);
        return counts;
    }

    private const int FileFormat = 2;

    /// <summary>
    /// Writes what is counted: each brief's paragraph fingerprints and the sentences of paragraphs held twice or more
    /// (what <see cref="Load"/> needs to count them again without reading a brief).
    /// </summary>
    public void Save(BinaryWriter output)
    {
        output.Write(FileFormat);
        output.Write(_briefs.Count);
        foreach (var (id, (publisher, fingerprints)) in _briefs)
        {
            output.Write(id);
            output.Write(publisher);
            WriteFingerprints(output, fingerprints);
        }
        output.Write(_sentencesOfParagraph.Count);
        foreach (var (paragraph, sentences) in _sentencesOfParagraph)
        {
            WriteFingerprint(output, paragraph);
            WriteFingerprints(output, sentences);
        }
    }

    /// <summary>What <see cref="Save"/> wrote, counted again; <see cref="InvalidDataException"/> when it is not such a file.</summary>
    public static PublisherBoilerplate Load(BinaryReader input)
    {
        if (input.ReadInt32() is var format && format != FileFormat)
            throw new InvalidDataException($"Learned boilerplate of format {format}; this version reads format {FileFormat}.");
        var learned = new PublisherBoilerplate();
        var briefs = input.ReadInt32();
        for (var i = 0; i < briefs; i++)
        {
            var id = input.ReadString();
            var publisher = input.ReadString();
            learned.Count(id, publisher, ReadFingerprints(input));
        }
        var paragraphs = input.ReadInt32();
        for (var i = 0; i < paragraphs; i++)
        {
            var paragraph = ReadFingerprint(input);
            learned._sentencesOfParagraph[paragraph] = ReadFingerprints(input);
        }
        learned._sentencesStale = true;
        return learned;
    }

    private static void WriteFingerprint(BinaryWriter output, UInt128 fingerprint)
    {
        output.Write((ulong)(fingerprint >> 64));
        output.Write((ulong)fingerprint);
    }

    private static UInt128 ReadFingerprint(BinaryReader input)
    {
        var upper = input.ReadUInt64();
        return new UInt128(upper, input.ReadUInt64());
    }

    private static void WriteFingerprints(BinaryWriter output, UInt128[] fingerprints)
    {
        output.Write(fingerprints.Length);
        foreach (var fingerprint in fingerprints) WriteFingerprint(output, fingerprint);
    }

    private static UInt128[] ReadFingerprints(BinaryReader input)
    {
        var count = input.ReadInt32();
        if (count < 0) throw new InvalidDataException($"A negative count of fingerprints ({count}).");
        var fingerprints = new UInt128[count];
        for (var i = 0; i < count; i++) fingerprints[i] = ReadFingerprint(input);
        return fingerprints;
    }

    /// <summary>An independent copy.</summary>
    public PublisherBoilerplate Copy()
    {
        var copy = new PublisherBoilerplate();
        foreach (var (publisher, counts) in _paragraphs)
            copy._paragraphs[publisher] = counts.ToDictionary(c => c.Key, c => c.Value.Copy());
        foreach (var (id, known) in _briefs) copy._briefs[id] = known;
        foreach (var (publisher, count) in _briefsOf) copy._briefsOf[publisher] = count;
        foreach (var (fingerprint, sentences) in _sentencesOfParagraph) copy._sentencesOfParagraph[fingerprint] = sentences;
        copy._sentencesStale = true;
        return copy;
    }

    /// <summary>Stops counting the brief with <paramref name="id"/> (deleted or about to be replaced).</summary>
    public void Forget(string id)
    {
        if (!_briefs.Remove(id, out var known)) return;
        _briefsOf[known.Publisher]--;
        var counts = _paragraphs[known.Publisher];
        foreach (var fingerprint in known.Fingerprints)
        {
            if (!counts.TryGetValue(fingerprint, out var holders)) continue;
            var left = holders.Without(id);
            if (left.Count > 0)
            {
                counts[fingerprint] = left;
                continue;
            }
            counts.Remove(fingerprint);
            if (!_paragraphs.Values.Any(c => c.ContainsKey(fingerprint))) _sentencesOfParagraph.Remove(fingerprint);
        }
        _sentencesStale = true;
    }

    /// <summary>
    /// True when <paramref name="paragraph"/> is boilerplate of <paramref name="publisher"/>, counting the brief
    /// <paramref name="alsoHeldBy"/> as holding it too (a brief about to be indexed, whose own copy may be the one that makes it recur).
    /// </summary>
    public bool IsBoilerplate(string? publisher, string paragraph, string? alsoHeldBy = null)
    {
        if (publisher is null || Fingerprint(paragraph) is not { } fingerprint) return false;
        if (!_paragraphs.TryGetValue(publisher, out var counts) || !counts.TryGetValue(fingerprint, out var holders)) return false;
        var extra = alsoHeldBy is not null && !holders.Contains(alsoHeldBy) ? 1 : 0;
        return Recurs(publisher, holders.Count + extra);
    }

    /// <summary>True when <paramref name="sentence"/> is a sentence of one of <paramref name="publisher"/>'s boilerplate paragraphs.</summary>
    public bool IsBoilerplateSentence(string? publisher, string sentence)
    {
        if (publisher is null || Fingerprint(sentence, minimumWords: 4) is not { } fingerprint) return false;
        if (_sentencesStale) RebuildSentences();
        return _sentences.TryGetValue(publisher, out var sentences) && sentences.Contains(fingerprint);
    }

    /// <summary>Per publisher: how many distinct paragraphs are boilerplate, and how many paragraphs of its briefs they account for (dropped).</summary>
    public IReadOnlyList<PublisherBoilerplateCount> Counts() =>
        _paragraphs.Select(p => new PublisherBoilerplateCount(
                p.Key,
                p.Value.Count(f => Recurs(p.Key, f.Value.Count)),
                p.Value.Where(f => Recurs(p.Key, f.Value.Count)).Sum(f => f.Value.Count)))
            .Where(c => c.Paragraphs > 0)
            .OrderByDescending(c => c.Dropped).ThenBy(c => c.Publisher, StringComparer.Ordinal)
            .ToList();

    /// <summary>The learned paragraphs of <paramref name="publisher"/> as they read in its first brief holding each, for reports.</summary>
    public IReadOnlyList<string> Examples(string publisher, Func<string, Brief?> briefById)
    {
        if (!_paragraphs.TryGetValue(publisher, out var counts)) return [];
        var examples = new List<string>();
        foreach (var (fingerprint, holders) in counts.Where(c => Recurs(publisher, c.Value.Count)))
        {
            if (briefById(holders.First) is not { } brief) continue;
            if (Paragraphs(brief).FirstOrDefault(p => Fingerprint(p) == fingerprint) is { } text) examples.Add(text);
        }
        return examples;
    }

    /// <summary>The paragraphs of a brief's sections, as passages are cut from them.</summary>
    public static IEnumerable<string> Paragraphs(Brief brief) =>
        brief.Sections.SelectMany(s => s.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private void RebuildSentences()
    {
        _sentences.Clear();
        foreach (var (publisher, counts) in _paragraphs)
        {
            var sentences = new HashSet<UInt128>();
            foreach (var (fingerprint, holders) in counts)
            {
                if (Recurs(publisher, holders.Count) && _sentencesOfParagraph.TryGetValue(fingerprint, out var ofParagraph))
                    sentences.UnionWith(ofParagraph);
            }
            _sentences[publisher] = sentences;
        }
        _sentencesStale = false;
    }

    /// <summary>A digest of the text's lower-case letters with single spaces, or null when it has fewer than <paramref name="minimumWords"/> words.</summary>
    internal static UInt128? Fingerprint(string text, int minimumWords = MinimumWords)
    {
        var builder = new StringBuilder(text.Length);
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                if (!inWord && builder.Length > 0) builder.Append(' ');
                if (!inWord) words++;
                builder.Append(char.ToLowerInvariant(c));
                inWord = true;
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '/' or '—' or '–')
            {
                inWord = false;
            }
        }
        // A digest, not the text: an archive holds millions of paragraphs, and only equality is asked.
        if (words < minimumWords) return null;
        Span<byte> digest = stackalloc byte[16];
        System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(builder.ToString()), digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>The briefs holding one paragraph: one id without a set (most paragraphs), else a set. Immutable for one holder.</summary>
    private readonly struct Holders
    {
        private readonly string? _one;
        private readonly HashSet<string>? _many;

        private Holders(string? one, HashSet<string>? many) => (_one, _many) = (one, many);

        public int Count => _many?.Count ?? (_one is null ? 0 : 1);
        public string First => _one ?? _many!.First();
        public bool Contains(string id) => _many?.Contains(id) ?? _one == id;

        public Holders With(string id)
        {
            if (Count == 0) return new Holders(id, null);
            if (Contains(id)) return this;
            if (_many is not null)
            {
                _many.Add(id);
                return this;
            }
            return new Holders(null, new HashSet<string>(StringComparer.Ordinal) { _one!, id });
        }

        public Holders Without(string id)
        {
            if (_many is null) return _one == id ? default : this;
            _many.Remove(id);
            return _many.Count == 1 ? new Holders(_many.First(), null) : this;
        }

        public Holders Copy() => _many is null ? this : new Holders(null, new HashSet<string>(_many, StringComparer.Ordinal));
    }
}

/// <summary>How many distinct paragraphs were learned as one publisher's boilerplate, and how many paragraphs of its briefs they drop.</summary>
public sealed record PublisherBoilerplateCount(string Publisher, int Paragraphs, int Dropped);
