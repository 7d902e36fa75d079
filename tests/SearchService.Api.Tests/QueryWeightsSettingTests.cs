using System.Numerics.Tensors;
using Microsoft.Extensions.DependencyInjection;
using SearchService.Embeddings;

namespace SearchService.Api.Tests;

/// <summary><c>SearchService:Semantic:Int8QueryWeights</c> chooses the query model the service encodes with.</summary>
public sealed class QueryWeightsSettingTests
{
    [Theory]
    [InlineData("false", true)]
    [InlineData("true", false)]
    public async Task The_setting_chooses_float_or_int8_query_weights(string int8, bool queryEqualsPassage)
    {
        using var briefs = BriefFolder.WithFixtures("gao-26-107759.md");
        await using var app = SearchApp.With(briefs.Path, new Dictionary<string, string?>
        {
            // MiniLM encodes queries and passages alike: on float weights a text's two vectors are the same.
            ["SearchService:Semantic:Encoder"] = "minilm",
            ["SearchService:Semantic:Int8QueryWeights"] = int8,
        });
        var encoder = app.Services.GetRequiredService<ITextEncoder>();
        const string text = "federal oversight of quantum computing research";

        var cosine = TensorPrimitives.CosineSimilarity(encoder.EncodeQuery(text), encoder.EncodePassage(text));

        if (queryEqualsPassage) Assert.InRange(cosine, 0.99999f, 1.00001f);
        else Assert.InRange(cosine, 0.98f, 0.99999f);
    }
}
