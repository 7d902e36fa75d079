namespace SearchService.Core.Search;

/// <summary>A query's text and the vector it was encoded to before its search began (see <see cref="ISearchMode.EncodeAsync"/>).</summary>
internal sealed record EncodedQuery(string Text, float[] Vector);
