namespace SearchService.Core.Indexing.Vectors;

/// <summary>
/// Row-major arithmetic for matrices of vectors, in <see cref="long"/>: 3 million rows of 768 floats are 2.3 billion
/// floats, past <see cref="int.MaxValue"/>, so an offset computed in <see cref="int"/> would wrap.
/// </summary>
internal static class VectorLayout
{
    /// <summary>Index of the first value of <paramref name="row"/>.</summary>
    public static long Offset(long row, int dimensions) => row * dimensions;

    /// <summary>Values in <paramref name="rows"/> rows.</summary>
    public static long Length(long rows, int dimensions) => rows * dimensions;

    /// <summary>The length of one array holding <paramref name="rows"/> rows; throws when no array can.</summary>
    public static int ArrayLength(long rows, int dimensions)
    {
        var length = Length(rows, dimensions);
        if (length > Array.MaxLength)
            throw new InvalidOperationException($"{rows:N0} vectors of {dimensions} dimensions ({length:N0} values) do not fit in one array; such a segment must be searched through its HNSW index, not copied.");
        return (int)length;
    }
}
