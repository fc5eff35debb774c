using Smoothie.Embeddings.Readers;

namespace Smoothie.Embeddings.MiniLM.Tests;

public class BertWeightImportTests
{
    [Fact]
    public void MiniLMImportHasEveryNameAndShapeOf6Layers()
    {
        Dictionary<string, (float[] Data, long[] Shape)> weights = MiniLmBertWeights.Import();

        var expected = MiniLmBertWeights.ExpectedShapes().ToList();
        Assert.Equal(4 + (6 * 16), expected.Count);
        Assert.Equal(expected.Select(e => e.Name).Order(), weights.Keys.Order());
        foreach ((string name, long[] shape) in expected)
        {
            Assert.Equal(shape, weights[name].Shape);
            Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), weights[name].Data.LongLength);
        }

        Assert.DoesNotContain("embeddings.word_embeddings.weight", weights.Keys);
    }

    [Fact]
    public void MiniLMMatmulWeightsAreTheGraphInitializersTransposedToOutIn()
    {
        OnnxModelFile model = MiniLmEmbeddings.LoadModel();
        Dictionary<string, (float[] Data, long[] Shape)> weights = BertOnnxWeightImporter.Import(model);

        // Follow the graph independently: the MatMul whose output is added to the layer-0 intermediate bias.
        OnnxNode add = model.Nodes.Single(n => n.OpType == "Add" && n.Inputs.Contains("encoder.layer.0.intermediate.dense.bias"));
        OnnxNode matMul = model.Nodes.Single(n => n.OpType == "MatMul" && add.Inputs.Contains(n.Outputs[0]));
        NamedTensor stored = model.GetInitializer(matMul.Inputs[1]).ToTensor();
        Assert.Equal(new long[] { 384, 1536 }, stored.Shape);

        (float[] data, long[] shape) = weights["encoder.layer.0.intermediate.dense.weight"];
        Assert.Equal(new long[] { 1536, 384 }, shape);
        foreach ((int o, int i) in new[] { (0, 0), (1535, 383), (7, 300), (1000, 5) })
        {
            Assert.Equal(stored.Data[(i * 1536) + o], data[(o * 384) + i]);
        }

        Assert.NotEqual(weights["encoder.layer.0.attention.self.query.weight"].Data, weights["encoder.layer.0.attention.self.key.weight"].Data);
    }
}
