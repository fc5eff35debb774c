using Xunit.Abstractions;
using Smoothie.Models.Checkpoints;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary>
/// <see cref="DenoiserConfig.ReferenceCompatible"/> against the authors' own code: checkpoints written by PyTorch load
/// strictly, the forward matches theirs to 1e-5 with model and EMA weights (source padding in the batch), and files saved
/// here are state dicts with exactly their names, shapes and values.
/// </summary>
public sealed class ReferenceCompatibilityTests(ITestOutputHelper output) : IDisposable
{
    private const double Tolerance = 1e-5;
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-reference-").FullName;

    public static TheoryData<string> Cases => new(ReferenceFixture.Cases);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void StateDictNamesShapesAndParameterOrderAreTheAuthors(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Load(name);
        using var scope = NewDisposeScope();
        using var model = new SmoothieDenoiser(fixture.Config);
        Dictionary<string, Tensor> ours = model.state_dict();
        Dictionary<string, Tensor> theirs = PyTorchStateFile.Read(fixture.StateDictPath).Tensors;

        Assert.Equal(fixture.StateDictKeys.OrderBy(k => k, StringComparer.Ordinal), ours.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach ((string key, Tensor tensor) in theirs)
        {
            Assert.True(tensor.shape.SequenceEqual(ours[key].shape), $"{key}: theirs [{string.Join(", ", tensor.shape)}], ours [{string.Join(", ", ours[key].shape)}]");
            Assert.Equal(tensor.dtype, ours[key].dtype);
        }

        IReadOnlyList<string> order = ReferenceParameterOrder.Sort(model.named_parameters().Select(p => p.name));
        Assert.Equal(fixture.ParameterOrder, order);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BareStateDictFromPyTorchGivesTheAuthorsOutput(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Load(name);
        using var scope = NewDisposeScope();
        using var model = new SmoothieDenoiser(fixture.Config);
        model.eval();
        LoadReport report = DenoiserCheckpoint.Load(model, fixture.StateDictPath);
        Assert.True(report.IsExactMatch, report.ToString());

        Dictionary<string, Tensor> io = fixture.ReadInputsAndOutputs();
        using (no_grad())
        {
            AssertClose(io["out_model"], model.forward(fixture.InputFrom(io)), $"{name}, model weights");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainerCheckpointGivesModelOrEmaOutput(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Load(name);
        Assert.True(fixture.ModelMinusEma > 100 * Tolerance, "the fixture's model and EMA outputs must differ, or this test could not tell them apart");
        using var scope = NewDisposeScope();
        using var model = new SmoothieDenoiser(fixture.Config);
        model.eval();
        Dictionary<string, Tensor> io = fixture.ReadInputsAndOutputs();
        DenoiserInput input = fixture.InputFrom(io);

        Assert.True(DenoiserCheckpoint.Load(model, fixture.TrainerCheckpointPath).IsExactMatch);
        using (no_grad())
        {
            AssertClose(io["out_model"], model.forward(input), $"{name}, trainer checkpoint, model weights");
        }

        Assert.True(DenoiserCheckpoint.Load(model, fixture.TrainerCheckpointPath, weights: CheckpointWeights.ExponentialMovingAverage).IsExactMatch);
        using (no_grad())
        {
            AssertClose(io["out_ema"], model.forward(input), $"{name}, trainer checkpoint, EMA weights");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SavedHereIsTheAuthorsStateDict(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Load(name);
        using var scope = NewDisposeScope();
        using var model = new SmoothieDenoiser(fixture.Config);
        DenoiserCheckpoint.Load(model, fixture.TrainerCheckpointPath, weights: CheckpointWeights.ExponentialMovingAverage);
        string path = Path.Combine(directory, $"{name}.pt");

        DenoiserCheckpoint.Save(model, path);

        Assert.Equal(CheckpointFormat.PyTorch, DenoiserCheckpoint.DetectFormat(path));
        Dictionary<string, Tensor> written = PyTorchStateFile.Read(path).Tensors;
        Dictionary<string, Tensor> theirs = PyTorchStateFile.Read(fixture.StateDictPath).Tensors;
        Assert.Equal(theirs.Keys.OrderBy(k => k, StringComparer.Ordinal), written.Keys.OrderBy(k => k, StringComparer.Ordinal));
        PyTorchFileContent ema = PyTorchStateFile.Read(fixture.TrainerCheckpointPath, CheckpointWeights.ExponentialMovingAverage);
        foreach ((string key, Tensor tensor) in written)
        {
            Assert.Equal(theirs[key].dtype, tensor.dtype);
            Assert.True(tensor.shape.SequenceEqual(theirs[key].shape), key);
            Assert.True(tensor.BitEqual(ema.Tensors[key]), $"{key} was not written bit-identically");
        }

        ema.Embeddings?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConfigurationIsInferredFromTheAuthorsStateDict(string name)
    {
        ReferenceFixture fixture = ReferenceFixture.Load(name);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> state = PyTorchStateFile.Read(fixture.StateDictPath).Tensors;

        DenoiserConfig inferred = ReferenceConfigInference.Infer(state, fixture.Config.MaxTargetLength, fixture.Config.MaxSourceLength, fixture.Config.AttentionHeads);

        Assert.Equal(fixture.Config, inferred);
        var wrongLengths = Assert.Throws<ArgumentException>(() => ReferenceConfigInference.Infer(state, 40, 40, fixture.Config.AttentionHeads));
        Assert.Contains("position table", wrongLengths.Message);
    }

    [Fact]
    public void TrainerCheckpointRecordsStepDecayAndEmbeddings()
    {
        ReferenceFixture fixture = ReferenceFixture.Load("cross-attention");
        using var scope = NewDisposeScope();
        PyTorchFileContent content = PyTorchStateFile.Read(fixture.TrainerCheckpointPath, CheckpointWeights.ExponentialMovingAverage);
        Dictionary<string, Tensor> io = fixture.ReadInputsAndOutputs();

        Assert.True(content.IsTrainerCheckpoint);
        Assert.Equal(CheckpointWeights.ExponentialMovingAverage, content.Weights);
        Assert.Equal(3, content.Step);
        Assert.Equal(0.9999, content.EmaDecay);
        Assert.NotNull(content.Embeddings);
        Assert.True(content.Embeddings!.BitEqual(io["embeddings"]));
    }

    [Fact]
    public void PreferringTheEmaTakesItWhenPresentAndTheModelWeightsOtherwise()
    {
        ReferenceFixture fixture = ReferenceFixture.Load("cross-attention");
        using var scope = NewDisposeScope();

        Assert.Equal(CheckpointWeights.ExponentialMovingAverage, PyTorchStateFile.Read(fixture.TrainerCheckpointPath, CheckpointWeights.PreferExponentialMovingAverage).Weights);
        Assert.Equal(CheckpointWeights.Model, PyTorchStateFile.Read(fixture.StateDictPath, CheckpointWeights.PreferExponentialMovingAverage).Weights);
        Dictionary<string, Tensor> preferred = DenoiserCheckpoint.ReadTensors(fixture.TrainerCheckpointPath, weights: CheckpointWeights.PreferExponentialMovingAverage);
        Dictionary<string, Tensor> ema = DenoiserCheckpoint.ReadTensors(fixture.TrainerCheckpointPath, weights: CheckpointWeights.ExponentialMovingAverage);
        Assert.All(ema, kv => Assert.True(kv.Value.BitEqual(preferred[kv.Key]), kv.Key));
    }

    [Fact]
    public void TheLibrarysOwnModelDoesNotLoadTheAuthorsCheckpoint()
    {
        ReferenceFixture fixture = ReferenceFixture.Load("cross-attention");
        using var model = new SmoothieDenoiser(fixture.Config with { ReferenceCompatible = false });

        var error = Assert.Throws<CheckpointMismatchException>(() => DenoiserCheckpoint.Load(model, fixture.StateDictPath));

        Assert.Contains("condition_encoder.position_embeddings.weight", error.Report.Missing);
        Assert.Contains("condition_encoder.LayerNorm.weight", error.Report.Missing);
    }

    [Fact]
    public void CrossAttentionIgnoresSourcePaddingLikeTransformers437()
    {
        // Changing what sits in the padded source positions changes the authors' output (their cross-attention attends to
        // padding); the library's own model masks it, so there the output stays.
        ReferenceFixture fixture = ReferenceFixture.Load("cross-attention");
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> io = fixture.ReadInputsAndOutputs();
        DenoiserInput input = fixture.InputFrom(io);
        Tensor otherPadding = input.SourceIds!.where(input.SourcePaddingMask!, tensor(7L));
        DenoiserInput repadded = input with { SourceIds = otherPadding };

        using var reference = new SmoothieDenoiser(fixture.Config);
        using var own = new SmoothieDenoiser(fixture.Config with { ReferenceCompatible = false });
        reference.eval();
        own.eval();
        using (no_grad())
        {
            Assert.False(reference.forward(input).allclose(reference.forward(repadded), rtol: 0, atol: 1e-4));
            Assert.True(own.forward(input).allclose(own.forward(repadded), rtol: 0, atol: 1e-6));
        }
    }

    [Fact]
    public void ConfigurationsTheAuthorsCannotBuildAreRejected()
    {
        DenoiserConfig reference = new() { HiddenSize = 16, AttentionHeads = 2, DenoiserLayers = 2, ReferenceCompatible = true };

        var projection = Assert.Throws<ArgumentException>(() => (reference with { EmbeddingSize = 8 }).Validate());
        Assert.Equal(nameof(DenoiserConfig.ReferenceCompatible), projection.ParamName);
        Assert.Contains(nameof(DenoiserConfig.EmbeddingSize), projection.Message);
        Assert.Contains("CopyHead", Assert.Throws<ArgumentException>(() => (reference with { CopyHead = true }).Validate()).Message);
        Assert.Contains("ConditionEncoderLayers", Assert.Throws<ArgumentException>(() => (reference with { ConditionEncoderLayers = 2 }).Validate()).Message);
        Assert.Contains(
            "concatenation",
            Assert.Throws<ArgumentException>(() => (reference with { UseSelfConditioning = true, Conditioning = ConditioningMode.Concatenation }).Validate()).Message);
        reference.Validate();
    }

    [Fact]
    public void ReadingErrorsNameTheFileAndWhatWasFound()
    {
        string notZip = Path.Combine(directory, "notes.pt");
        File.WriteAllText(notZip, "not a checkpoint");
        var legacy = Assert.Throws<InvalidDataException>(() => PyTorchStateFile.Read(notZip));
        Assert.Contains(notZip, legacy.Message);
        Assert.Contains("zip", legacy.Message);

        ReferenceFixture fixture = ReferenceFixture.Load("cross-attention");
        var noEma = Assert.Throws<InvalidDataException>(() => PyTorchStateFile.Read(fixture.StateDictPath, CheckpointWeights.ExponentialMovingAverage));
        Assert.Contains("no EMA", noEma.Message);

        string cut = Path.Combine(directory, "cut.pt");
        byte[] bytes = File.ReadAllBytes(fixture.StateDictPath);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => PyTorchStateFile.Read(cut));
        Assert.Contains(cut, truncated.Message);

        Assert.Throws<FileNotFoundException>(() => PyTorchStateFile.Read(Path.Combine(directory, "absent.pt")));
    }

    [Theory]
    [InlineData("list.pt", "could not be read")]
    [InlineData("whole_module.pt", "could not be read")]
    [InlineData("no_tensors.pt", "holds no named tensors")]
    public void TorchSaveFilesThatAreNotStateDictsAreClearErrors(string file, string expected)
    {
        // Written by torch.save: a list of tensors, a whole nn.Linear (not its state_dict), a dict without tensors.
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "NotStateDicts", file);
        var error = Assert.Throws<InvalidDataException>(() => PyTorchStateFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    private void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: shape [{string.Join(", ", actual.shape)}], expected [{string.Join(", ", expected.shape)}]");
        double difference = (expected - actual).abs().max().item<float>();
        output.WriteLine($"{what}: max |difference| {difference:E2}");
        Assert.True(difference <= Tolerance, $"{what}: max |difference| {difference:E2} > {Tolerance:E0}");
    }
}
