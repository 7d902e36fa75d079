using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SearchService.Core.Extraction;

/// <summary>
/// The YAML front matter of a Markdown brief, read defensively: keys are matched without regard to
/// case, and only shallow, known shapes are read, so odd or hostile YAML cannot blow up extraction.
/// </summary>
public sealed class FrontMatter
{
    /// <summary>Front matter larger than this is not metadata; it is refused rather than parsed.</summary>
    public const int MaxYamlCharacters = 512 * 1024;

    private readonly Dictionary<string, YamlNode> _fields;

    private FrontMatter(Dictionary<string, YamlNode> fields) => _fields = fields;

    public static FrontMatter Empty { get; } = new([]);

    /// <summary>Splits a Markdown file into its front matter (between leading <c>---</c> lines) and body.</summary>
    public static (string? Yaml, string Body, int BodyFirstLine) Split(string text)
    {
        if (!text.StartsWith("---", StringComparison.Ordinal)) return (null, text, 1);
        var firstLineEnd = text.IndexOf('\n');
        if (firstLineEnd < 0 || text[..firstLineEnd].Trim() != "---") return (null, text, 1);

        var position = firstLineEnd + 1;
        var line = 2;
        while (position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            var current = end < 0 ? text[position..] : text[position..end];
            var trimmed = current.TrimEnd();
            if (trimmed is "---" or "...")
            {
                var yaml = text[(firstLineEnd + 1)..position];
                var body = end < 0 ? "" : text[(end + 1)..];
                return (yaml, body, line + 1);
            }
            if (end < 0) break;
            position = end + 1;
            line++;
        }
        // An opening fence with no closing fence: the author forgot to close it.
        throw new FormatException("front matter starts with '---' but has no closing '---' line");
    }

    /// <summary>Parses YAML front matter; throws <see cref="FormatException"/> naming the line of a syntax error.</summary>
    public static FrontMatter Parse(string yaml)
    {
        if (yaml.Length > MaxYamlCharacters)
            throw new FormatException($"front matter is {yaml.Length:N0} characters; the limit is {MaxYamlCharacters:N0}");
        if (string.IsNullOrWhiteSpace(yaml)) return Empty;

        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new FormatException($"malformed YAML front matter at line {e.Start.Line + 1}, column {e.Start.Column}: {Innermost(e).Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet reports some structural errors (duplicate keys, undefined aliases) this way.
            var near = parser.Current is { } last ? $" near line {last.End.Line + 1}" : "";
            var why = e is InvalidOperationException ? "the YAML syntax is broken (an unclosed bracket or quote?)" : Innermost(e).Message;
            throw new FormatException($"malformed YAML front matter{near}: {why}", e);
        }

        if (stream.Documents.Count == 0) return Empty;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException("front matter is not a YAML mapping of field names to values");

        var fields = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Children)
        {
            if (key is YamlScalarNode { Value: { } name }) fields.TryAdd(name.Trim(), value);
        }
        return new FrontMatter(fields);
    }

    /// <summary>The first of <paramref name="keys"/> that holds a non-empty scalar.</summary>
    public string? GetString(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_fields.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
                return value;
        }
        return null;
    }

    /// <summary>The items of the first of <paramref name="keys"/> that holds a sequence (a lone scalar counts as one item).</summary>
    public IReadOnlyList<YamlNode> GetList(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (!_fields.TryGetValue(key, out var node)) continue;
            if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
            if (node is YamlScalarNode { Value: { Length: > 0 } }) return [node];
        }
        return [];
    }

    /// <summary>Every top-level field whose value is a string, in document order.</summary>
    public IEnumerable<(string Key, string Value)> StringFields() =>
        _fields.Where(f => f.Value is YamlScalarNode { Value: not null })
               .Select(f => (f.Key, ((YamlScalarNode)f.Value).Value!));

    /// <summary>Reads a string from a sequence item that is either a scalar or a mapping holding one of <paramref name="keys"/>.</summary>
    public static string? ItemString(YamlNode item, params string[] keys)
    {
        if (item is YamlScalarNode scalar) return scalar.Value;
        if (item is not YamlMappingNode mapping) return null;
        foreach (var key in keys)
        {
            foreach (var (k, v) in mapping.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && name.Equals(key, StringComparison.OrdinalIgnoreCase)
                    && v is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
                    return value;
            }
        }
        return null;
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
