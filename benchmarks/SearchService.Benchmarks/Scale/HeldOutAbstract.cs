namespace SearchService.Benchmarks.Scale;

/// <summary>
/// A real report title and summary that no generated brief uses, so an uploaded brief made from it is the only
/// brief about it and a search by its title finds it.
/// </summary>
public sealed record HeldOutAbstract(string Title, string Text);
