using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace SearchService.Embeddings;

/// <summary>
/// The large tables of a model that its passage and query sessions read alike (the word-piece embeddings, ~47 MB in
/// each model), held once and handed to both sessions (<see cref="SessionOptions.AddInitializer"/>) instead of each
/// session keeping a copy. Matrix weights are not shared: the query session's are int8 (<see cref="Int8MatrixWeights"/>).
/// </summary>
internal sealed class SharedModelTables : IDisposable
{
    /// <summary>Tables smaller than this are left to each session: sharing them saves little.</summary>
    private const int MinimumBytes = 4 << 20;

    private readonly List<(string Name, OrtValue Value)> _tables;

    private SharedModelTables(List<(string Name, OrtValue Value)> tables) => _tables = tables;

    /// <summary>The float tables of <paramref name="model"/> no matrix product reads, of at least 4 MB (copied: the proto may change after).</summary>
    public static SharedModelTables From(ModelProto model)
    {
        var graph = model.Graph;
        var products = graph.Node.Where(node => node.OpType == "MatMul").SelectMany(node => node.Input).ToHashSet(StringComparer.Ordinal);
        var tables = new List<(string, OrtValue)>();
        try
        {
            foreach (var tensor in graph.Initializer)
            {
                if (tensor.DataType != (int)TensorProto.Types.DataType.Float || products.Contains(tensor.Name)) continue;
                if (Math.Max(tensor.RawData.Length, tensor.FloatData.Count * sizeof(float)) < MinimumBytes) continue;
                tables.Add((tensor.Name, OrtValue.CreateTensorValueFromMemory(OnnxTensors.Floats(tensor), tensor.Dims.ToArray())));
            }
            return new SharedModelTables(tables);
        }
        catch
        {
            foreach (var (_, value) in tables) value.Dispose();
            throw;
        }
    }

    /// <summary>Names of the tables held (for tests and diagnostics).</summary>
    public IReadOnlyList<string> Names => _tables.Select(table => table.Name).ToList();

    /// <summary>Has a session made with <paramref name="options"/> read these tables instead of its model's copies.</summary>
    public void AddTo(SessionOptions options)
    {
        foreach (var (name, value) in _tables) options.AddInitializer(name, value);
    }

    /// <summary>After every session that reads the tables is disposed.</summary>
    public void Dispose()
    {
        foreach (var (_, value) in _tables) value.Dispose();
    }
}
