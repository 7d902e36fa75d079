using System.Runtime.InteropServices;
using Onnx;

namespace SearchService.Embeddings;

/// <summary>Reading the values of an ONNX model's stored tensors.</summary>
internal static class OnnxTensors
{
    /// <summary>A float tensor's values, copied, wherever the model keeps them (the typed list or the raw bytes).</summary>
    public static float[] Floats(TensorProto tensor) =>
        tensor.FloatData.Count > 0 ? tensor.FloatData.ToArray() : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
}
