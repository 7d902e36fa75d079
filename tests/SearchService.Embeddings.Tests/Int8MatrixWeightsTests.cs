namespace SearchService.Embeddings.Tests;

public sealed class Int8MatrixWeightsTests
{
    [Fact]
    public void Bytes_that_are_not_an_onnx_model_are_refused_saying_so()
    {
        var refused = Assert.Throws<InvalidDataException>(() => Int8MatrixWeights.Quantize("not a model at all, just text"u8.ToArray()));
        Assert.Contains("not an ONNX model", refused.Message);
    }

    [Fact]
    public void A_model_without_constant_weight_products_is_refused_saying_so()
    {
        var empty = new Onnx.ModelProto { Graph = new Onnx.GraphProto { Name = "empty" } };
        var refused = Assert.Throws<InvalidDataException>(() => Int8MatrixWeights.Quantize(Google.Protobuf.MessageExtensions.ToByteArray(empty)));
        Assert.Contains("no matrix product with constant float weights", refused.Message);
    }
}
