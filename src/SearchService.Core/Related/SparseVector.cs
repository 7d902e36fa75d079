namespace SearchService.Core.Related;

/// <summary>A sparse vector with ascending indices, as ML.NET's text featurizer produces it.</summary>
internal sealed class SparseVector(int[] indices, float[] values)
{
    public static SparseVector Empty { get; } = new([], []);

    public int[] Indices { get; } = indices;
    public float[] Values { get; } = values;

    /// <summary>Dot product by merging the two index lists (cosine when both are L2-normalised).</summary>
    public float Dot(SparseVector other)
    {
        var (a, b) = (Indices, other.Indices);
        var sum = 0f;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) sum += Values[i++] * other.Values[j++];
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return sum;
    }

    /// <summary>The shared dimensions ordered by their contribution to the dot product, largest first.</summary>
    public IEnumerable<int> SharedByContribution(SparseVector other)
    {
        var shared = new List<(int Index, float Product)>();
        int i = 0, j = 0;
        while (i < Indices.Length && j < other.Indices.Length)
        {
            if (Indices[i] == other.Indices[j]) shared.Add((Indices[i], Values[i++] * other.Values[j++]));
            else if (Indices[i] < other.Indices[j]) i++;
            else j++;
        }
        return shared.OrderByDescending(s => s.Product).Select(s => s.Index);
    }
}
