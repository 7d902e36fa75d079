using System.Numerics.Tensors;

namespace SearchService.Core.Related;

/// <summary>
/// The sum of the (L2-normalised) vectors of a source's closest candidates, and each candidate's cosine
/// with it, leaving the candidate's own vector out when it is one of them.
/// </summary>
internal static class Neighbourhood
{
    /// <summary>Cosine of a unit vector with a sum of vectors, from their dot product and the sum's squared norm; the vector is taken out of the sum when <paramref name="isMember"/>.</summary>
    public static float Cosine(float dotWithSum, float sumSquaredNorm, bool isMember)
    {
        // |S - v|^2 = |S|^2 - 2 v.S + 1 and v.(S - v) = v.S - 1 for a unit vector v.
        var dot = isMember ? dotWithSum - 1 : dotWithSum;
        var squaredNorm = isMember ? sumSquaredNorm - 2 * dotWithSum + 1 : sumSquaredNorm;
        return squaredNorm > 1e-6f ? dot / MathF.Sqrt(squaredNorm) : float.NaN;
    }

    public static float[] DenseSum(IEnumerable<float[]> vectors, int dimensions)
    {
        var sum = new float[dimensions];
        foreach (var vector in vectors) TensorPrimitives.Add(sum, vector, sum);
        return sum;
    }

    public static Dictionary<int, float> SparseSum(IEnumerable<SparseVector> vectors)
    {
        var sum = new Dictionary<int, float>();
        foreach (var vector in vectors)
        {
            for (var i = 0; i < vector.Indices.Length; i++)
                sum[vector.Indices[i]] = sum.GetValueOrDefault(vector.Indices[i]) + vector.Values[i];
        }
        return sum;
    }

    public static float Dot(SparseVector vector, Dictionary<int, float> sum)
    {
        var dot = 0f;
        for (var i = 0; i < vector.Indices.Length; i++)
            dot += vector.Values[i] * sum.GetValueOrDefault(vector.Indices[i]);
        return dot;
    }

    public static float SquaredNorm(Dictionary<int, float> sum) => sum.Values.Sum(v => v * v);
}
