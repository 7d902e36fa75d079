namespace SearchService.Embeddings.Tests;

public sealed class BertTextNormalizerTests
{
    [Theory]
    [InlineData("Café NAÏVE résumé", "cafe naive resume")]
    [InlineData("Hello, world!", "hello , world !")]
    [InlineData("“Quoted” it’s ‘x’", "\" quoted \" it ' s ' x '")]
    [InlineData("a–b—c−d‐e", "a - b - c - d - e")]
    [InlineData("  a\t\n b\r\n\u00A0c  ", "a b c")]
    [InlineData("zero\u200Bwidth soft\u00ADhyphen", "zerowidth softhyphen")]
    [InlineData("IL-6 (p<0.05) 1.5%", "il - 6 ( p < 0 . 05 ) 1 . 5 %")]
    [InlineData("中文abc", "中 文 abc")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("β-catenin ±2", "β - catenin ±2")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void NormalizesLikeBertBasicTokenizer(string input, string expected) =>
        Assert.Equal(expected, BertTextNormalizer.Normalize(input));

    [Fact]
    public void NullGivesEmpty() => Assert.Equal(string.Empty, BertTextNormalizer.Normalize(null));

    [Theory]
    [InlineData("Ünïcödé, “quotes” and — dashes… 😀 emoji")]
    [InlineData("Represent this sentence for searching relevant passages: what?")]
    public void IsIdempotentAndSingleSpaced(string input)
    {
        var once = BertTextNormalizer.Normalize(input);
        Assert.Equal(once, BertTextNormalizer.Normalize(once));
        Assert.DoesNotContain("  ", once);
        Assert.Equal(once.Trim(), once);
    }
}
