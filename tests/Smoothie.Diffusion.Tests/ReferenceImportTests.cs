using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Interop;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings;
using Smoothie.Text;
using Smoothie.Models.Checkpoints;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// <see cref="ReferencePipelineImport"/> on a trainer checkpoint written by the authors' own code (the Models test
/// fixture: h = 16, V = 30, max_sequence_len 5, max_context_len 6, 2 heads).
/// </summary>
[Collection("torch-serial")]
public sealed class ReferenceImportTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reference", "cross-attention");
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-import-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ImportedPipelineComputesTheAuthorsOutputAndGenerates()
    {
        using SmoothiePipeline pipeline = ReferencePipelineImport.Import(Options(), DeviceKind.Cpu);

        Assert.True(pipeline.Denoiser.Config.ReferenceCompatible);
        Assert.False(((WordPieceTextCodec)pipeline.Codec).HasSpecialTokens);
        Assert.Equal(EmbeddingNormalization.None, pipeline.Configuration.EmbeddingNormalization);
        Assert.Equal("ema", pipeline.Configuration.Notes["importedWeights"]);
        Assert.Equal("3", pipeline.Configuration.Notes["importedStep"]);

        // The pipeline's E is the checkpoint's matrix as it is, and the model gives the authors' EMA output with it.
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> io = PyTorchStateFile.Read(Path.Combine(Fixture, "io.pt")).Tensors;
        Assert.True(pipeline.FullEmbeddings.Weights.equal(io["embeddings"]).all().item<bool>());
        var input = new DenoiserInput(io["x_t"], io["time_t"])
        {
            SourceIds = io["cond_ids"],
            SourcePaddingMask = io["cond_mask"].to_type(ScalarType.Bool),
            EmbeddingMatrix = pipeline.FullEmbeddings.Weights,
        };
        using (no_grad())
        {
            double difference = (pipeline.Denoiser.forward(input) - io["out_ema"]).abs().max().item<float>();
            Assert.True(difference <= 1e-5, $"max |difference| {difference:E2}");
        }

        var options = new GenerationOptions { Steps = 4 };
        IReadOnlyList<string> first = pipeline.Generate(["w3 w4 w5", "w10"], options);
        Assert.Equal(2, first.Count);

        string folder = Path.Combine(root, "imported");
        pipeline.Save(folder);
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.False(loaded.Configuration.SpecialTokens);
        Assert.Equal(EmbeddingNormalization.None, loaded.Configuration.EmbeddingNormalization);
        Assert.True(loaded.FullEmbeddings.Weights.equal(io["embeddings"]).all().item<bool>());
        Assert.Equal(first, loaded.Generate(["w3 w4 w5", "w10"], options));
    }

    [Fact]
    public void WrongLengthsVocabularyOrWeightsAreClearErrors()
    {
        var lengths = Assert.Throws<ArgumentException>(() => ReferencePipelineImport.Import(Options() with { TargetLength = 50, SourceLength = 50 }));
        Assert.Contains("max_sequence_len", lengths.Message);

        string shortVocabulary = Path.Combine(root, "short.txt");
        File.WriteAllLines(shortVocabulary, Vocabulary().Take(20));
        var vocabulary = Assert.Throws<ArgumentException>(() => ReferencePipelineImport.Import(Options() with { VocabularyPath = shortVocabulary }));
        Assert.Contains("[30, 16]", vocabulary.Message);
        Assert.Contains("20 tokens", vocabulary.Message);

        var bare = Assert.Throws<InvalidDataException>(() => ReferencePipelineImport.Import(Options() with { CheckpointPath = Path.Combine(Fixture, "state_dict.pt") }));
        Assert.Contains("no token embeddings", bare.Message);
    }

    [Fact]
    public void ModelTrainedHereLoadsIntoTheAuthorsModel()
    {
        // A reference-compatible model trained by this library, saved as a pipeline and converted to .pt, has exactly the
        // keys and shapes of the authors' state dict for the same configuration (what load_state_dict(strict=True) checks).
        string vocabulary = Path.Combine(root, "vocab.txt");
        File.WriteAllLines(vocabulary, Vocabulary());
        WordPieceTextCodec codec = WordPieceTextCodec.FromFile(vocabulary, lowerCase: false, specialTokens: false);
        var random = new Random(5);
        float[] values = Enumerable.Range(0, 30 * 16).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var model = new Models.Configuration.DenoiserConfig
        {
            HiddenSize = 16, AttentionHeads = 2, IntermediateSize = 32, DenoiserLayers = 2, MaxTargetLength = 5, MaxSourceLength = 6, ReferenceCompatible = true,
        };
        string output = Path.Combine(root, "trained");
        using (SmoothiePipeline pipeline = SmoothieBuilder.Create()
            .UseEmbeddings(codec, new TokenEmbeddings(codec.Tokens, values, 16, "test"))
            .UseModel(model)
            .UseLengths(6, 5)
            .UseSampling(steps: 3)
            .UseDevice(DeviceKind.Cpu)
            .Build())
        {
            var pairs = Enumerable.Range(5, 20).Select(i => new Data.Seq2SeqPair($"w{i} w{i + 1}", $"w{i + 1} w{i}")).ToList();
            pipeline.Train(pairs, null, new Training.Trainer.TrainingOptions { BatchSize = 4, MaxSteps = 2, WarmupSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 }, output);
        }

        string pt = Path.Combine(root, "trained.pt");
        CheckpointConverter.Convert(Path.Combine(output, PipelineFolder.WeightsFile), pt);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> ours = PyTorchStateFile.Read(pt).Tensors;
        Dictionary<string, Tensor> theirs = PyTorchStateFile.Read(Path.Combine(Fixture, "state_dict.pt")).Tensors;
        Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), ours.Keys.Order(StringComparer.Ordinal));
        Assert.All(theirs, kv => Assert.Equal(kv.Value.shape, ours[kv.Key].shape));
    }

    private ReferenceImportOptions Options()
    {
        string vocabulary = Path.Combine(root, "vocab.txt");
        File.WriteAllLines(vocabulary, Vocabulary());
        return new ReferenceImportOptions
        {
            CheckpointPath = Path.Combine(Fixture, "trainer_checkpoint.pth"),
            VocabularyPath = vocabulary,
            TargetLength = 5,
            SourceLength = 6,
            AttentionHeads = 2,
            SamplingSteps = 4,
        };
    }

    private static IEnumerable<string> Vocabulary() =>
        new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(Enumerable.Range(5, 25).Select(i => $"w{i}"));
}
