using System.Text.Json;
using System.Text.Json.Nodes;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Tests;

/// <summary>A pipeline folder with one bad file: loading says which file, what is wrong and what to do.</summary>
[Collection("torch-serial")]
public sealed class BadPipelineFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-bad-folder").FullName;
    private readonly string folder;

    public BadPipelineFolderTests()
    {
        folder = Path.Combine(root, "p");
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        pipeline.Save(folder);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string PathOf(string file) => Path.Combine(folder, file);

    private InvalidDataException LoadFails() => Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(folder, DeviceKind.Cpu));

    private void EditConfiguration(Action<JsonObject> edit)
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(PathOf(PipelineFolder.ConfigurationFile)))!.AsObject();
        edit(json);
        File.WriteAllText(PathOf(PipelineFolder.ConfigurationFile), json.ToJsonString());
    }

    [Fact]
    public void TheSavedFolderLoadsAndRecordsItsLatentVocabularySize()
    {
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.Equal(loaded.SubVocabulary!.Count, loaded.Configuration.LatentVocabularySize);
        Assert.Contains("\"latentVocabularySize\"", File.ReadAllText(PathOf(PipelineFolder.ConfigurationFile)));
    }

    [Fact]
    public void TruncatedPipelineJsonNamesTheFileAndTheJsonPosition()
    {
        string text = File.ReadAllText(PathOf(PipelineFolder.ConfigurationFile));
        File.WriteAllText(PathOf(PipelineFolder.ConfigurationFile), text[..(text.Length / 2)]);
        var e = LoadFails();
        Assert.Contains($"'{PathOf(PipelineFolder.ConfigurationFile)}' is not valid:", e.Message);
        Assert.Contains("LineNumber", e.Message);
    }

    [Fact]
    public void UnknownLatentSpaceInPipelineJsonNamesTheProperty()
    {
        EditConfiguration(json => json["latent"] = "gaussian");
        var e = LoadFails();
        Assert.Contains($"'{PathOf(PipelineFolder.ConfigurationFile)}' is not valid:", e.Message);
        Assert.Contains("$.latent", e.Message);
    }

    [Fact]
    public void TargetLengthOverTheModelsIsNamedWithBothValues()
    {
        EditConfiguration(json => json["targetLength"] = 64);
        var e = LoadFails();
        Assert.Contains($"'{PathOf(PipelineFolder.ConfigurationFile)}' is invalid:", e.Message);
        Assert.Contains("targetLength (64) exceeds the model's maxTargetLength (16)", e.Message);
    }

    [Fact]
    public void MissingWeightsFileIsNamed()
    {
        File.Delete(PathOf(PipelineFolder.WeightsFile));
        var e = LoadFails();
        Assert.Contains($"'{folder}' has no model.safetensors", e.Message);
    }

    [Fact]
    public void TruncatedWeightsFileSaysTruncatedAndHowMuchIsThere()
    {
        byte[] bytes = File.ReadAllBytes(PathOf(PipelineFolder.WeightsFile));
        File.WriteAllBytes(PathOf(PipelineFolder.WeightsFile), bytes[..(bytes.Length - 1000)]);
        var e = LoadFails();
        Assert.Contains($"The safetensors file '{PathOf(PipelineFolder.WeightsFile)}' is truncated", e.Message);
        Assert.Contains($"the data section has only", e.Message);
    }

    [Fact]
    public void WeightsOfAnotherModelListTheShapesThatDiffer()
    {
        string other = Path.Combine(root, "other");
        using (SmoothiePipeline wider = TinyPipelines.Builder().UseModel(TinyPipelines.Model with { IntermediateSize = 96 }).Build())
        {
            wider.Save(other);
        }

        File.Copy(Path.Combine(other, PipelineFolder.WeightsFile), PathOf(PipelineFolder.WeightsFile), overwrite: true);
        var e = Assert.Throws<CheckpointMismatchException>(() => SmoothiePipeline.Load(folder, DeviceKind.Cpu));
        Assert.Contains($"The checkpoint '{PathOf(PipelineFolder.WeightsFile)}' does not fit the model", e.Message);
        Assert.Contains("intermediate.dense.weight: model [64, 32], checkpoint [96, 32]", e.Message);
    }

    [Theory]
    [InlineData(float.NaN, "1 NaN and 0 infinite")]
    [InlineData(float.PositiveInfinity, "0 NaN and 1 infinite")]
    public void NonFiniteWeightsAreRefusedInsteadOfGeneratingGarbage(float poison, string counts)
    {
        Dictionary<string, Tensor> tensors = SafeTensorsFile.Read(PathOf(PipelineFolder.WeightsFile));
        try
        {
            tensors["time_emb.0.weight"][0, 0] = poison;
            SafeTensorsFile.Write(PathOf(PipelineFolder.WeightsFile), tensors);
        }
        finally
        {
            foreach (Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }

        var e = LoadFails();
        Assert.Contains($"The checkpoint '{PathOf(PipelineFolder.WeightsFile)}' holds non-finite weights in 1 tensor", e.Message);
        Assert.Contains($"'time_emb.0.weight' has {counts}", e.Message);
    }

    [Fact]
    public void SubVocabularyIdBeyondTheVocabularyIsNamedWithItsPosition()
    {
        int[] ids = JsonSerializer.Deserialize<int[]>(File.ReadAllText(PathOf(PipelineFolder.SubVocabularyFile)))!;
        ids[^1] = 40_000;
        File.WriteAllText(PathOf(PipelineFolder.SubVocabularyFile), JsonSerializer.Serialize(ids));
        var e = LoadFails();
        Assert.Contains($"'{PathOf(PipelineFolder.SubVocabularyFile)}' holds token id 40000 (entry {ids.Length} of {ids.Length}), outside the vocabulary of the embeddings [0, 30522)", e.Message);
    }

    [Fact]
    public void SubVocabularyThatIsNotJsonIsNamed()
    {
        File.WriteAllText(PathOf(PipelineFolder.SubVocabularyFile), "[0, 100, 101, 10");
        var e = LoadFails();
        Assert.Contains($"'{PathOf(PipelineFolder.SubVocabularyFile)}' is not a JSON array of token ids", e.Message);
    }

    [Fact]
    public void SubVocabularyOfAnotherRunIsRefusedWithBothSizes()
    {
        string other = Path.Combine(root, "other");
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().UseSubVocabularyOf(["Jesus wept."]).Build())
        {
            pipeline.Save(other);
        }

        int expected = JsonSerializer.Deserialize<int[]>(File.ReadAllText(PathOf(PipelineFolder.SubVocabularyFile)))!.Length;
        int found = JsonSerializer.Deserialize<int[]>(File.ReadAllText(Path.Combine(other, PipelineFolder.SubVocabularyFile)))!.Length;
        File.Copy(Path.Combine(other, PipelineFolder.SubVocabularyFile), PathOf(PipelineFolder.SubVocabularyFile), overwrite: true);
        var e = LoadFails();
        Assert.Contains($"has {found} token ids but the model was trained on a sub-vocabulary of {expected}", e.Message);
        Assert.Contains("belongs to another run", e.Message);
    }

    [Fact]
    public void MissingSubVocabularyIsRefusedWhenTheModelWasTrainedOnOne()
    {
        File.Delete(PathOf(PipelineFolder.SubVocabularyFile));
        var e = LoadFails();
        Assert.Contains($"'{folder}' has no subvocabulary.json, but its model was trained on a sub-vocabulary of", e.Message);
    }

    [Fact]
    public void SubVocabularyWithoutTheSpecialTokensIsRefused()
    {
        File.WriteAllText(PathOf(PipelineFolder.SubVocabularyFile), "[1000, 1001, 1002]");
        EditConfiguration(json => json.Remove("latentVocabularySize"));
        var e = LoadFails();
        Assert.Contains("lacks the special tokens [PAD] (id 0), [SEP] (id 102), [CLS] (id 101)", e.Message);
    }

    [Fact]
    public void InvalidCasingFileIsNamedWithWhatToDo()
    {
        File.WriteAllText(PathOf(PipelineFolder.CasingFile), "[\"not\", \"an object\"]");
        var e = LoadFails();
        Assert.Contains($"'{PathOf(PipelineFolder.CasingFile)}' is invalid", e.Message);
        Assert.Contains("Delete the file", e.Message);
    }

    [Fact]
    public void OtherEmbeddingsThanTheModelWasTrainedWithAreRefused()
    {
        EditConfiguration(json => json["embeddingIdentity"] = "0123456789abcdef");
        var e = LoadFails();
        Assert.Contains("was trained with other embeddings than the MiniLM embeddings", e.Message);
        Assert.Contains("records 0123456789abcdef", e.Message);
    }

    [Fact]
    public void CustomEmbeddingsWithoutTheirFilesAreNamed()
    {
        EditConfiguration(json => json["embeddingSource"] = "custom");
        var e = LoadFails();
        Assert.Contains($"'{folder}' uses custom embeddings but lacks vocab.txt or embeddings.safetensors", e.Message);
    }
}
