using SearchService.Core.Related;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// The expanded cosine (<see cref="RelatedFeatures.ExpandedCosine"/>): each brief moved toward its own nearest briefs
/// among the source's candidates before the two are compared.
/// </summary>
public sealed class DocumentExpansionTests
{
    private static readonly float[] Source = Unit(1, 0, 0);

    [Fact]
    public void A_candidate_whose_neighbours_are_near_the_source_comes_closer_and_one_without_neighbours_does_not()
    {
        var candidates = new[]
        {
            // Far from the source alone, but its nearest brief is close to the source.
            new PairFeatures.ExpansionInput("far-with-near-neighbour", Unit(0, 1, 0), ["near"]),
            new PairFeatures.ExpansionInput("near", Unit(1, 0.1f, 0), []),
            // As far, with no neighbour among the candidates (its nearest is not one of them).
            new PairFeatures.ExpansionInput("far-alone", Unit(0, 0, 1), ["not-a-candidate"]),
        };

        var cosines = PairFeatures.ExpandedCosines(Source, [], candidates);

        Assert.True(cosines[0] > 0.2f, $"expanded cosine {cosines[0]}, plain 0");
        Assert.Equal(Dot(Source, candidates[1].Vector!), cosines[1], 5);
        Assert.Equal(0f, cosines[2], 5);
    }

    [Fact]
    public void The_source_is_expanded_by_its_own_nearest_candidates_at_most_ten_and_a_candidate_without_a_vector_gets_none()
    {
        // The source's nearest candidate points along z; so does the candidate compared.
        var candidates = new List<PairFeatures.ExpansionInput>
        {
            new("along-z", Unit(0, 0, 1), []),
            new("no-vector", null, ["along-z"]),
        };
        var expanded = PairFeatures.ExpandedCosines(Source, ["along-z"], candidates);
        var notExpanded = PairFeatures.ExpandedCosines(Source, [], candidates);

        Assert.True(expanded[0] > notExpanded[0] + 0.2f, $"expanded {expanded[0]}, not {notExpanded[0]}");
        Assert.True(float.IsNaN(expanded[1]));

        // Beyond the ten nearest, neighbours are not read: an eleventh pointing elsewhere changes nothing.
        var eleven = Enumerable.Range(0, 10).Select(i => new PairFeatures.ExpansionInput($"z{i}", Unit(0, 0, 1), [])).ToList();
        eleven.Add(new PairFeatures.ExpansionInput("y", Unit(0, 1, 0), []));
        var target = new PairFeatures.ExpansionInput("target", Unit(0, 1, 0), []);
        var withTen = PairFeatures.ExpandedCosines(Source, eleven.Take(10).Select(c => c.Id).ToList(), [.. eleven, target]);
        var withEleven = PairFeatures.ExpandedCosines(Source, eleven.Select(c => c.Id).ToList(), [.. eleven, target]);
        Assert.Equal(withTen[^1], withEleven[^1], 6);
    }

    private static float[] Unit(float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return [x / norm, y / norm, z / norm];
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
