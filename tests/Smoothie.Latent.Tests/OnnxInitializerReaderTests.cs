using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;

namespace Smoothie.Latent.Tests;

public class OnnxInitializerReaderTests
{
    private static readonly string[] Vocabulary = ["[PAD]", "a", "b"];

    [Fact]
    public void ReadsRawDataPackedAndLooseFloatDataExactly()
    {
        float[] raw = [1, 2, 3, 4, 5, 6];
        float[] packed = [-1.5f, 0.25f, 7, 8, 9, 10];
        float[] loose = [0.5f, -0.5f];
        using var folder = new TempFolder();
        string path = folder.File("m.onnx");
        File.WriteAllBytes(path, new OnnxTestModel()
            .Node("mm", "MatMul", ["x", "w"], ["y"])
            .RawInitializer("raw", [3, 2], raw)
            .PackedFloatInitializer("packed", [2, 3], packed)
            .LooseFloatInitializer("loose", [2], loose)
            .Build());

        NamedTensor a = OnnxInitializerReader.ReadTensor(path, "raw");
        NamedTensor b = OnnxInitializerReader.ReadTensor(path, "packed");
        NamedTensor c = OnnxInitializerReader.ReadTensor(path, "loose");

        Assert.Equal(new long[] { 3, 2 }, a.Shape);
        Assert.Equal(raw, a.Data);
        Assert.Equal(new long[] { 2, 3 }, b.Shape);
        Assert.Equal(packed, b.Data);
        Assert.Equal(loose, c.Data);

        OnnxModelFile model = OnnxModelFile.Load(path);
        OnnxNode node = Assert.Single(model.Nodes);
        Assert.Equal(("mm", "MatMul"), (node.Name, node.OpType));
        Assert.Equal(["x", "w"], node.Inputs);
        Assert.Equal(["y"], node.Outputs);
    }

    [Fact]
    public void EmbeddingsAlignRowsWithTheVocabulary()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.onnx");
        File.WriteAllBytes(path, new OnnxTestModel().RawInitializer("emb", [3, 2], [0, 0, 1, 2, 3, 4]).Build());

        TokenEmbeddings embeddings = OnnxInitializerReader.ReadEmbeddings(path, "emb", Vocabulary);

        Assert.Equal(3, embeddings.Rows);
        Assert.Equal(2, embeddings.Dimension);
        Assert.Equal(new float[] { 3, 4 }, embeddings.Row(2).ToArray());
        Assert.Equal("onnx:m.onnx#emb", embeddings.Source);
    }

    [Fact]
    public void MissingNameListsTheAvailableInitializers()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.onnx");
        File.WriteAllBytes(path, new OnnxTestModel().RawInitializer("first", [1], [1]).RawInitializer("second.weight", [2], [1, 2]).Build());

        var error = Assert.Throws<ArgumentException>(() => OnnxInitializerReader.ReadTensor(path, "nope"));

        Assert.Contains("'nope'", error.Message);
        Assert.Contains("first [1]", error.Message);
        Assert.Contains("second.weight [2]", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void VocabularySizeThatDiffersFromRowsIsRejectedNamingBoth()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.onnx");
        File.WriteAllBytes(path, new OnnxTestModel().RawInitializer("emb", [2, 2], [1, 2, 3, 4]).Build());

        var error = Assert.Throws<ArgumentException>(() => OnnxInitializerReader.ReadEmbeddings(path, "emb", Vocabulary));

        Assert.Contains("3 tokens", error.Message);
        Assert.Contains("2 rows", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void NaNValuesAreRejectedNamingTheFileAndRow()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.onnx");
        File.WriteAllBytes(path, new OnnxTestModel().RawInitializer("emb", [3, 1], [1, float.NaN, 2]).Build());

        var error = Assert.Throws<InvalidDataException>(() => OnnxInitializerReader.ReadEmbeddings(path, "emb", Vocabulary));

        Assert.Contains(path, error.Message);
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void TruncatedAndNonOnnxFilesAreReportedAsInvalidData()
    {
        using var folder = new TempFolder();
        byte[] bytes = new OnnxTestModel().RawInitializer("emb", [3, 2], [1, 2, 3, 4, 5, 6]).Build();
        string truncated = folder.File("truncated.onnx");
        File.WriteAllBytes(truncated, bytes[..^7]);
        string text = folder.File("text.onnx");
        File.WriteAllText(text, "");

        var cut = Assert.Throws<InvalidDataException>(() => OnnxModelFile.Load(truncated));
        var empty = Assert.Throws<InvalidDataException>(() => OnnxModelFile.Load(text));

        Assert.Contains("truncated", cut.Message);
        Assert.Contains(truncated, cut.Message);
        Assert.Contains("no ONNX graph", empty.Message);
        Assert.Throws<FileNotFoundException>(() => OnnxModelFile.Load(folder.File("missing.onnx")));
    }

    [Fact]
    public void ShapeThatDisagreesWithRawDataIsRejected()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.onnx");
        File.WriteAllBytes(path, new OnnxTestModel().RawInitializer("emb", [3, 3], [1, 2, 3, 4]).Build());

        var error = Assert.Throws<InvalidDataException>(() => OnnxInitializerReader.ReadTensor(path, "emb"));

        Assert.Contains("[3, 3]", error.Message);
        Assert.Contains("16 bytes", error.Message);
    }
}
