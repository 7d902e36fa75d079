namespace SearchService.Core.Related;

/// <summary>
/// What a <see cref="LearnedRanker"/> reads for one pair: a chosen set of the named <see cref="RelatedFeatures"/>, in
/// that order, and optionally the two brief vectors multiplied dimension by dimension (a learned weighted cosine,
/// tied to the directions of meaning of the corpus it was trained on).
/// </summary>
public sealed class RankerInputs
{
    private readonly int[] _features;

    public RankerInputs(IReadOnlyList<string> features, bool vectorProducts)
    {
        _features = features.Select(name => RelatedFeatures.IndexOf(name) is var i and >= 0 ? i
            : throw new ArgumentException($"'{name}' is not a related-brief feature; the features are: {string.Join(", ", RelatedFeatures.Names)}", nameof(features))).ToArray();
        Features = [.. features];
        VectorProducts = vectorProducts;
    }

    /// <summary>Every named feature and the vector products: what the ranker read before the split protocol.</summary>
    public static RankerInputs Everything { get; } = new(RelatedFeatures.Names, vectorProducts: true);

    /// <summary>Every named feature, no vector products.</summary>
    public static RankerInputs NamedFeatures { get; } = new(RelatedFeatures.Names, vectorProducts: false);

    /// <summary>Names of the pair features read, in input order.</summary>
    public IReadOnlyList<string> Features { get; }

    public bool VectorProducts { get; }

    /// <summary>Inputs per pair for vectors of <paramref name="vectorDimensions"/>.</summary>
    public int Width(int vectorDimensions) => _features.Length + (VectorProducts ? vectorDimensions : 0);

    /// <summary>The input of one pair: the chosen features, then (when read) the vector products.</summary>
    public float[] Build(float[] pairFeatures, ReadOnlySpan<float> sourceVector, ReadOnlySpan<float> candidateVector)
    {
        if (pairFeatures.Length != RelatedFeatures.Count) throw new ArgumentException($"expected {RelatedFeatures.Count} pair features, got {pairFeatures.Length}", nameof(pairFeatures));
        if (sourceVector.Length != candidateVector.Length) throw new ArgumentException("the two brief vectors differ in length", nameof(candidateVector));
        var input = new float[Width(sourceVector.Length)];
        for (var i = 0; i < _features.Length; i++) input[i] = pairFeatures[_features[i]];
        if (VectorProducts) System.Numerics.Tensors.TensorPrimitives.Multiply(sourceVector, candidateVector, input.AsSpan(_features.Length));
        return input;
    }

    public override string ToString() => $"{Features.Count} features{(VectorProducts ? " + vector products" : "")}";
}
