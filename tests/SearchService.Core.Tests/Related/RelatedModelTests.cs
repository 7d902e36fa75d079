using SearchService.Core.Evaluation;
using SearchService.Core.Related;
using SearchService.Embeddings;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Related;

/// <summary>Related-brief scoring with the shipped ML.NET model, a freshly trained one and none, on real judged GAO summaries.</summary>
public sealed class RelatedModelTests(GaoRelatedSlice slice) : IClassFixture<GaoRelatedSlice>
{
    private static readonly Lazy<RelatedModel> Shipped = new(() => RelatedModel.Load(GaoRelatedSlice.ShippedModelFolder));

    [Fact]
    public void The_shipped_model_loads_with_its_text_pipeline_and_topics_and_a_ranker_only_where_its_training_says_it_won()
    {
        var model = Shipped.Value;
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(GaoRelatedSlice.ShippedModelFolder, RelatedModelTrainer.ManifestFileName)))!;
        var served = (string?)manifest["served"];

        Assert.NotNull(model.Text);
        Assert.True(model.Text.TopicCount >= 10);
        Assert.All(model.Text.TopicWords, words => Assert.NotEmpty(words));
        Assert.Contains(served, new[] { RelatedModelTrainer.FixedName, RelatedModelTrainer.FusedName });
        Assert.Equal(served == RelatedModelTrainer.FusedName, model.Ranker is not null);
        if (model.Ranker is null) return;
        Assert.Equal(768, model.Ranker.VectorDimensions); // trained with the default encoder, MiniLM and Arctic combined
        Assert.Equal(model.Ranker.Inputs.Width(model.Ranker.VectorDimensions), model.Ranker.FeatureImportances.Count);
    }

    [Theory]
    [InlineData(0.50, 0.49, RelatedModelTrainer.RankerShipping.WhereItWins, RelatedModelTrainer.FixedName)]
    [InlineData(0.50, 0.50, RelatedModelTrainer.RankerShipping.WhereItWins, RelatedModelTrainer.FixedName)]
    [InlineData(0.49, 0.50, RelatedModelTrainer.RankerShipping.WhereItWins, RelatedModelTrainer.FusedName)]
    [InlineData(0.50, 0.49, RelatedModelTrainer.RankerShipping.Always, RelatedModelTrainer.FusedName)]
    [InlineData(0.49, 0.50, RelatedModelTrainer.RankerShipping.Never, RelatedModelTrainer.FixedName)]
    public void The_ranker_ships_only_where_fused_it_beat_the_fixed_weighting_unless_told(double fixedNdcg, double fusedNdcg, RelatedModelTrainer.RankerShipping shipping, string served)
    {
        var mean = new[]
        {
            new HeldOutResult("MoreLikeThis", 0.45, 0.6, 0.7),
            new HeldOutResult(RelatedModelTrainer.FixedName, fixedNdcg, 0.6, 0.7),
            new HeldOutResult(RelatedModelTrainer.LearnedName, 0.52, 0.6, 0.7), // the ranker alone does not decide
            new HeldOutResult(RelatedModelTrainer.FusedName, fusedNdcg, 0.6, 0.7),
        };

        Assert.Equal(served, RelatedModelTrainer.Served(mean, shipping));
    }

    [Fact]
    public void A_text_gets_the_same_profile_alone_in_a_batch_and_on_any_thread()
    {
        var text = Shipped.Value.Text!;
        var texts = File.ReadLines(RepositoryPaths.Resolve(Path.Combine("..", "shared", "datasets", "gao-related", "corpus.jsonl"))).Take(6)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!).ToList();

        var batch = text.Featurize(texts);
        var alone = texts.Select(t => text.Featurize([t])[0]).ToList();
        var otherThreads = texts.AsParallel().AsOrdered().WithDegreeOfParallelism(3).Select(t => text.Featurize([t])[0]).ToList();

        Assert.Equal(texts.Count, batch.Length);
        foreach (var profiles in new[] { alone, otherThreads })
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Assert.Equal(batch[i].Words.Indices, profiles[i].Words.Indices);
                Assert.Equal(batch[i].Words.Values, profiles[i].Words.Values);
                Assert.Equal(batch[i].Characters.Values, profiles[i].Characters.Values);
                Assert.Equal(batch[i].Topics, profiles[i].Topics);
            }
        }
        Assert.NotEqual(batch[0].Words.Indices, batch[1].Words.Indices);
    }

    [Fact]
    public void The_ranker_scores_closer_pairs_higher()
    {
        var ranker = slice.Trained.Model.Ranker!;
        var source = UnitVector(ranker.VectorDimensions, seed: 1);
        var close = ranker.Input(Features(cosine: 0.8f, words: 0.5f, rank: 1), source, source);
        var far = ranker.Input(Features(cosine: 0.1f, words: 0.0f, rank: 80), source, UnitVector(ranker.VectorDimensions, seed: 2));

        var scores = ranker.Score([close, far]);

        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        Assert.True(scores[0] > scores[1], $"close pair {scores[0]}, far pair {scores[1]}");
    }

    [Fact]
    public void Related_lists_never_hold_the_brief_itself_or_a_duplicate()
    {
        var finder = new RelatedBriefFinder(slice.WithVectors, Shipped.Value);
        foreach (var document in slice.Dataset.Corpus)
        {
            var related = finder.Find(document.Id, RelatedBriefFinder.MaxK)!;

            Assert.NotEmpty(related);
            Assert.DoesNotContain(related, r => r.Id == document.Id);
            Assert.Equal(related.Count, related.Select(r => r.Id).Distinct().Count());
            Assert.Equal(related.OrderByDescending(r => r.Score).Select(r => r.Score), related.Select(r => r.Score));
        }
    }

    [Fact]
    public void Every_related_brief_says_why_with_phrases_or_terms_both_share_and_its_closest_passage()
    {
        var finder = new RelatedBriefFinder(slice.WithVectors, Shipped.Value);
        var related = finder.Find("GAO-19-373", 5)!;

        Assert.All(related, r => Assert.NotEmpty(r.Reasons));
        Assert.Contains(related, r => r.Reasons.Any(reason => reason.StartsWith("shared phrases: ", StringComparison.Ordinal)));
        Assert.DoesNotContain(related, r => r.Reasons.Any(reason => reason.StartsWith("shared themes", StringComparison.Ordinal)));
        foreach (var brief in related)
        {
            Assert.NotNull(brief.SharedPhrases);
            Assert.NotNull(brief.SharedTags);
            Assert.True(brief.BestMatch is not null, $"{brief.Id}: no closest passages; reasons {string.Join(" | ", brief.Reasons)}");
            var match = brief.BestMatch!;
            Assert.InRange(match.Similarity, 0.01f, 1.001f);
            Assert.Contains(brief.Reasons, reason => reason.StartsWith("closest passages", StringComparison.Ordinal));
            foreach (var phrase in brief.SharedPhrases!)
            {
                var words = phrase.Split(' ');
                Assert.InRange(words.Length, 2, 3);
                Assert.True(RelatedReasons.IsSubjectWord(words[0]) && RelatedReasons.IsSubjectWord(words[^1]), $"'{phrase}' begins or ends with a function word");
                Assert.All(words, w => Assert.True(RelatedReasons.IsWord(w), $"'{w}' in '{phrase}' is a number or symbol"));
            }
        }
    }

    [Theory]
    [InlineData("including", false)]
    [InlineData("the", false)]
    [InlineData("$", false)]
    [InlineData("2024", false)]
    [InlineData("infrastructure", true)]
    [InlineData("ai", true)]
    public void Function_words_numbers_and_symbols_are_no_reason_alone(string word, bool subject) =>
        Assert.Equal(subject, RelatedReasons.IsSubjectWord(word));

    [Fact]
    public void The_shipped_model_ranks_the_related_documents_of_the_slice_first()
    {
        var finder = new RelatedBriefFinder(slice.WithVectors, Shipped.Value);

        var model = Evaluate(finder, RelatedScoring.Model);
        var reversed = RankingEvaluator.Evaluate(slice.Dataset, (id, _) => finder.FindIds(id, 100).Select(r => r.Id).Reverse().ToList(), "reversed", "related", 0);

        // Six sources are too few to order the model, MoreLikeThis and the brief vectors (they score alike here;
        // train-related's document split of all 2,224 documents does that). A model reading the wrong features
        // would rank near random; the model's own order reversed scores far lower.
        Assert.True(model.Ndcg10 >= 0.7, $"model nDCG@10 {model.Ndcg10}");
        Assert.True(model.Ndcg10 > reversed.Ndcg10 + 0.3, $"model nDCG@10 {model.Ndcg10}, reversed {reversed.Ndcg10}");
        Assert.Equal(1, model.Recall100); // every related document of the slice is a candidate
    }

    [Fact]
    public void Without_a_model_file_the_fixed_weighting_ranks_and_explains()
    {
        using var empty = new TempFolder();
        var model = RelatedModel.Load(empty.Path);
        var finder = new RelatedBriefFinder(slice.WithVectors, model);

        var related = finder.Find("GAO-19-373", 5)!;

        Assert.Same(RelatedModel.None, model);
        Assert.Equal(5, related.Count);
        Assert.All(related, r => Assert.NotEmpty(r.Reasons));
        var fixedOrder = finder.FindIds("GAO-19-373", 5, RelatedScoring.Fixed).Select(r => r.Id);
        Assert.Equal(fixedOrder, related.Select(r => r.Id));
    }

    [Fact]
    public void An_index_without_vectors_falls_back_to_the_fixed_weighting()
    {
        var finder = new RelatedBriefFinder(slice.WithoutVectors, Shipped.Value);

        var related = finder.Find("GAO-19-373", 5)!;

        Assert.NotEmpty(related);
        Assert.DoesNotContain(related, r => r.Id == "GAO-19-373");
        Assert.Equal(finder.FindIds("GAO-19-373", 5, RelatedScoring.Fixed).Select(r => r.Id), related.Select(r => r.Id));
    }

    [Fact]
    public void The_model_of_another_encoders_vectors_is_not_used_the_fixed_weighting_ranks()
    {
        var finder = new RelatedBriefFinder(slice.WithMiniLmVectors, Shipped.Value);

        var related = finder.Find("GAO-19-373", 5)!;

        Assert.Equal(5, related.Count);
        Assert.Equal(finder.FindIds("GAO-19-373", 5, RelatedScoring.Fixed).Select(r => r.Id), related.Select(r => r.Id));
        Assert.False(UsedLearnedRanker(slice.WithMiniLmVectors, "GAO-19-373", slice.Trained.Model));
        Assert.True(UsedLearnedRanker(slice.WithVectors, "GAO-19-373", slice.Trained.Model));
    }

    private static bool UsedLearnedRanker(SearchService.Core.Indexing.BriefIndex index, string id, RelatedModel? model = null)
    {
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        return RelatedLists.For(index, model ?? Shipped.Value).Ranker.Rank(searcher, id, RelatedScoring.Model)!.UsedLearnedRanker;
    }

    [Fact]
    public void The_model_input_is_the_chosen_features_in_order_then_the_vectors_multiplied_dimension_by_dimension_when_asked()
    {
        var features = Features(cosine: 0.5f, words: 0.2f, rank: 3);
        var chosen = new[] { nameof(RelatedFeatures.WordTfidfCosine), nameof(RelatedFeatures.BriefCosine) };

        var withProducts = new RankerInputs(chosen, vectorProducts: true).Build(features, [0.6f, 0.8f], [1f, -0.5f]);
        var without = new RankerInputs(chosen, vectorProducts: false).Build(features, [0.6f, 0.8f], [1f, -0.5f]);

        Assert.Equal([0.2f, 0.5f, 0.6f, -0.4f], withProducts);
        Assert.Equal([0.2f, 0.5f], without);
        Assert.Throws<ArgumentException>(() => new RankerInputs(chosen, vectorProducts: true).Build(features, [0.6f, 0.8f], [1f]));
        Assert.Throws<ArgumentException>(() => new RankerInputs(["NoSuchFeature"], vectorProducts: false));
    }

    [Fact]
    public void Training_by_the_split_protocol_measures_both_directions_and_writes_a_model_that_loads_and_is_used()
    {
        // The fixture trained with a judged source the corpus lacks: counted as an error, it never ends the training.
        var (report, folder, loaded) = slice.Trained;

        Assert.Equal(6, report.Sources);
        Assert.Equal(1, report.Errors);
        Assert.Contains("GAO-00-000", report.FirstError);
        Assert.Equal(2, report.Directions.Count);
        var split = DocumentSplit.Of(slice.Dataset, DocumentSplitKind.Documents);
        Assert.Equal([split.First.Name, split.Second.Name], report.Directions.Select(d => d.Train));
        Assert.Equal([split.Second.Name, split.First.Name], report.Directions.Select(d => d.Test));
        Assert.All(report.Directions, d => Assert.True(d.TrainDocuments + d.TestDocuments == 60 && d.TestSources > 0));
        Assert.Equal(["MoreLikeThis", "brief vector cosine", RelatedModelTrainer.FixedName, RelatedModelTrainer.LearnedName, RelatedModelTrainer.FusedName], report.Mean.Select(r => r.Ordering));
        Assert.Equal(RelatedModelTrainer.FusedName, report.Served); // trained with RankerShipping.Always
        foreach (var file in new[] { BriefTextModel.FileName, BriefTextModel.TopicsFileName, LearnedRanker.FileName, LearnedRanker.InputsFileName, RelatedModelTrainer.ManifestFileName })
            Assert.True(File.Exists(System.IO.Path.Combine(folder, file)), file);

        Assert.NotNull(loaded.Ranker);
        Assert.Equal(768, loaded.Ranker.VectorDimensions);
        Assert.False(loaded.Ranker.Inputs.VectorProducts);
        Assert.Equal(RelatedModelTrainer.DefaultInputs.Features, loaded.Ranker.Inputs.Features);
        Assert.Equal(8, loaded.Text!.TopicCount);
        var related = new RelatedBriefFinder(slice.WithVectors, loaded).Find("GAO-17-17", 3)!;
        Assert.Equal(3, related.Count);
        Assert.True(UsedLearnedRanker(slice.WithVectors, "GAO-17-17", loaded));
    }

    [Fact]
    public void A_training_that_ships_no_ranker_removes_an_earlier_one_and_the_fixed_weighting_serves()
    {
        using var output = new TempFolder();
        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        using var cache = new SearchService.Core.Semantic.EmbeddingCache(SearchService.Core.Tests.Semantic.SemanticSampleIndex.SharedCacheFolder, encoder.ModelName, encoder.Dimensions);
        var model = System.IO.Path.Combine(output.Path, "model");
        Directory.CreateDirectory(model);
        foreach (var file in new[] { LearnedRanker.FileName, LearnedRanker.InputsFileName })
            File.Copy(System.IO.Path.Combine(slice.Trained.Folder, file), System.IO.Path.Combine(model, file));

        var report = RelatedModelTrainer.Train(slice.Dataset, new SearchService.Core.Semantic.PassageEmbedder(encoder, cache), model,
            new RelatedModelTrainer.Settings(Topics: 8) { ShipRanker = RelatedModelTrainer.RankerShipping.Never }, log: null);

        Assert.Equal(RelatedModelTrainer.FixedName, report.Served);
        Assert.False(File.Exists(System.IO.Path.Combine(model, LearnedRanker.FileName)));
        Assert.False(File.Exists(System.IO.Path.Combine(model, LearnedRanker.InputsFileName)));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(model, RelatedModelTrainer.ManifestFileName)))!;
        Assert.Equal(RelatedModelTrainer.FixedName, (string?)manifest["served"]);
        var loaded = RelatedModel.Load(model);
        Assert.NotNull(loaded.Text);
        Assert.Null(loaded.Ranker);
        var finder = new RelatedBriefFinder(slice.WithVectors, loaded);
        Assert.Equal(finder.FindIds("GAO-17-17", 5, RelatedScoring.Fixed).Select(r => r.Id), finder.Find("GAO-17-17", 5)!.Select(r => r.Id));
        Assert.False(UsedLearnedRanker(slice.WithVectors, "GAO-17-17", loaded));
    }

    private EvaluationReport Evaluate(RelatedBriefFinder finder, RelatedScoring scoring) =>
        RankingEvaluator.Evaluate(slice.Dataset, (id, _) => finder.FindIds(id, 100, scoring).Select(r => r.Id).ToList(), scoring.ToString(), "related", 0);

    private static float[] UnitVector(int dimensions, int seed)
    {
        var random = new Random(seed);
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static float[] Features(float cosine, float words, int rank)
    {
        var features = new float[RelatedFeatures.Count];
        Array.Fill(features, 0f);
        features[RelatedFeatures.BriefCosine] = cosine;
        features[RelatedFeatures.CentredCosine] = cosine;
        features[RelatedFeatures.BestPassageCosine] = cosine;
        features[RelatedFeatures.HubnessAdjustedCosine] = 2 * cosine - 0.8f;
        features[RelatedFeatures.NeighbourhoodCosine] = cosine;
        features[RelatedFeatures.WordTfidfCosine] = words;
        features[RelatedFeatures.CharacterTfidfCosine] = words;
        features[RelatedFeatures.HubnessAdjustedWordTfidf] = 2 * words - 0.3f;
        features[RelatedFeatures.NeighbourhoodWordTfidfCosine] = words;
        features[RelatedFeatures.LexicalScore] = words;
        features[RelatedFeatures.CandidateDensity] = 0.4f;
        features[RelatedFeatures.SourceDensity] = 0.4f;
        features[RelatedFeatures.SharedNeighbours] = cosine / 2;
        features[RelatedFeatures.SharedWordNeighbours] = words / 2;
        features[RelatedFeatures.BriefCosineRank] = rank;
        features[RelatedFeatures.WordTfidfRank] = rank;
        features[RelatedFeatures.LexicalRank] = rank;
        return features;
    }
}
