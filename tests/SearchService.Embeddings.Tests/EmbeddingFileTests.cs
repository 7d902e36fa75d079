namespace SearchService.Embeddings.Tests;

public sealed class EmbeddingFileTests
{
    [Fact]
    public void RoundTripsIdsAndLittleEndianFloats()
    {
        var dir = Directory.CreateTempSubdirectory("embfile");
        try
        {
            var basePath = Path.Combine(dir.FullName, "sub", "vectors");
            string[] ids = ["a", "GAO-16-717", "ünï"];
            float[][] vectors = [[1f, 2f], [-0.5f, 3.25f], [float.Epsilon, 0f]];
            EmbeddingFile.Write(basePath, ids, vectors);

            var bytes = File.ReadAllBytes(basePath + ".bin");
            Assert.Equal(3 * 2 * 4, bytes.Length);
            Assert.Equal(new byte[] { 0, 0, 0x80, 0x3F }, bytes[..4]); // 1.0f little-endian
            Assert.Equal("a\nGAO-16-717\nünï\n", File.ReadAllText(basePath + ".ids.txt"));

            var matrix = EmbeddingFile.Read(basePath, 2);
            Assert.Equal(ids, matrix.Ids);
            Assert.Equal(vectors[1], matrix.Row(1).ToArray());
            Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(basePath, 3));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RejectsIdsWithLineBreaks()
    {
        var basePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        Assert.Throws<ArgumentException>(() => EmbeddingFile.Write(basePath, ["a\nb"], [[1f]]));
    }
}
