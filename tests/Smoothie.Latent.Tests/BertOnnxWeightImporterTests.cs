using Smoothie.Embeddings.Readers;

namespace Smoothie.Latent.Tests;

/// <summary><see cref="BertOnnxWeightImporter"/> on a synthetic ONNX graph (its test on MiniLM's real model is in Smoothie.Embeddings.MiniLM.Tests).</summary>
public class BertOnnxWeightImporterTests
{
    [Fact]
    public void SyntheticGraphImportTransposesAndReportsMissingParameters()
    {
        using var folder = new TempFolder();
        string path = folder.File("bert.onnx");
        var builder = new OnnxTestModel()
            .RawInitializer("W1", [2, 3], [1, 2, 3, 4, 5, 6])
            .RawInitializer("encoder.layer.0.attention.self.query.bias", [3], [0, 0, 0])
            .Node("mm", "MatMul", ["x", "W1"], ["h"])
            .Node("add", "Add", ["encoder.layer.0.attention.self.query.bias", "h"], ["y"]);
        File.WriteAllBytes(path, builder.Build());

        var error = Assert.Throws<InvalidDataException>(() => BertOnnxWeightImporter.Import(OnnxModelFile.Load(path)));

        Assert.Contains("found 1 layers", error.Message);
        Assert.Contains("encoder.layer.0.attention.self.key.weight", error.Message);
        Assert.Contains("embeddings.LayerNorm.bias", error.Message);
        Assert.DoesNotContain("query.weight", error.Message);
    }
}
