using System.Numerics.Tensors;

namespace SearchService.Embeddings.Tests;

public sealed class CombinedEncoderTests
{
    [Fact]
    public void Combined_vectors_score_a_spread_weighted_mean_of_the_two_models_cosines()
    {
        using var miniLm = new MiniLmTextEncoder();
        using var arctic = new ArcticXsTextEncoder();
        using var combined = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        const string query = "national control over artificial intelligence capabilities";
        const string passage = "Countries seek sovereign AI: domestic compute, their own models and data kept at home.";

        var queryVector = combined.EncodeQuery(query);
        var passageVector = combined.EncodePassages([passage])[0];
        Assert.Equal(768, combined.Dimensions);
        Assert.Equal(768, queryVector.Length);
        Assert.InRange(TensorPrimitives.Norm(queryVector), 0.9999f, 1.0001f);
        Assert.InRange(TensorPrimitives.Norm(passageVector), 0.9999f, 1.0001f);
        Assert.Equal($"{MiniLmTextEncoder.Name}+{ArcticXsTextEncoder.Name}", combined.ModelName);

        // MiniLM's unrelated cosines spread 0.10, Arctic's 0.05: Arctic's cosine counts twice.
        var miniLmCosine = TensorPrimitives.Dot(miniLm.EncodeQuery(query), miniLm.EncodePassage(passage));
        var arcticCosine = TensorPrimitives.Dot(arctic.EncodeQuery(query), arctic.EncodePassage(passage));
        Assert.Equal((miniLmCosine + 2 * arcticCosine) / 3, TensorPrimitives.Dot(queryVector, passageVector), 3);
        // Its cut-off is the same weighted mean of theirs: 0.30 for MiniLM, 0.60 for Arctic.
        Assert.Equal((0.30f + 2 * 0.60f) / 3, combined.Similarity.Above(2), 3);
    }

    [Fact]
    public void Progress_counts_both_models_passes()
    {
        using var combined = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        var reports = new List<(int Done, int Total)>();
        combined.EncodePassages(["one text", "another text"], (done, total) => reports.Add((done, total)));
        Assert.Equal([(1, 4), (2, 4), (3, 4), (4, 4)], reports);
    }

    [Fact]
    public void A_text_encoded_by_both_models_at_once_gets_the_vector_of_one_pass_after_the_other()
    {
        using var combined = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        const string paragraph = "Governments should secure domestic compute capacity before regulating frontier AI models, the brief argues.";

        // Without a progress callback, fewer texts than cores take both models side by side; with one, one after the other.
        var sideBySide = combined.EncodePassages([paragraph])[0];
        var oneAfterTheOther = combined.EncodePassages([paragraph], (_, _) => { })[0];

        Assert.Equal(oneAfterTheOther, sideBySide);
    }
}
