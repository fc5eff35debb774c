using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

/// <summary>
/// A tiny seq2seq task: the target is the source (a copy), over a 200-token vocabulary with random embeddings.
/// Used to check that every latent space learns with the shared trainer and sampler.
/// </summary>
internal sealed class ToyCopyTask : IDisposable
{
    public const int Vocabulary = 200;
    public const int Length = 8;
    public const int Pad = 0;

    public ToyCopyTask(string space, int rows = 512, int seed = 3, int embeddingSize = 32, int hidden = 64, int? modelSeed = null, bool selfConditioning = false)
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        var random = new Random(seed);
        var tokens = Enumerable.Range(0, Vocabulary).Select(i => $"t{i}").ToArray();
        float[] weights = Enumerable.Range(0, Vocabulary * embeddingSize).Select(_ => (float)Gaussian(random)).ToArray();
        Embeddings = EmbeddingMatrix.FromTokenEmbeddings(new TokenEmbeddings(tokens, weights, embeddingSize, "toy"));

        Corpus = MakeCorpus(random, rows);
        Space = space switch
        {
            "distance" => new DistanceLatentSpace(Embeddings, sigmaMin: 1.5),
            "embedding" => new EmbeddingLatentSpace(Embeddings),
            "simplex" => new SimplexLatentSpace(Embeddings, TessParameters.Default.K),
            _ => throw new ArgumentException(space),
        };
        Schedule = space switch
        {
            "distance" => new ArctanSchedule(),
            "embedding" => new CosineSdSchedule(),
            _ => new TessSchedule(),
        };
        manual_seed(modelSeed ?? seed);
        Model = new SmoothieDenoiser(new DenoiserConfig
        {
            HiddenSize = hidden,
            EmbeddingSize = embeddingSize,
            AttentionHeads = 4,
            DenoiserLayers = 2,
            IntermediateSize = hidden * 2,
            ConditionEncoderLayers = 1,
            MaxTargetLength = Length,
            MaxSourceLength = Length,
            Dropout = 0,
            AttentionDropout = 0,
            TokenHeadVocabularySize = space == "simplex" ? Vocabulary : null,
            UseSelfConditioning = selfConditioning,
        });
        Network = new SmoothieDenoiserNetwork(Model, Embeddings.Weights);
        Identity = new CheckpointIdentity(space, "toy", Vocabulary, "toy-model");
    }

    public EmbeddingMatrix Embeddings { get; }

    public TokenizedCorpus Corpus { get; }

    public ILatentSpace Space { get; }

    public INoiseSchedule Schedule { get; }

    public SmoothieDenoiser Model { get; }

    public SmoothieDenoiserNetwork Network { get; }

    public CheckpointIdentity Identity { get; }

    public TokenizedCorpus MakeCorpus(Random random, int rows)
    {
        var targets = new List<long[]>();
        for (int i = 0; i < rows; i++)
        {
            targets.Add(Enumerable.Range(0, Length).Select(_ => (long)random.Next(1, Vocabulary)).ToArray());
        }

        return new TokenizedCorpus(targets, targets, Length, Length, sourcePadId: Pad);
    }

    public void Dispose()
    {
        Model.Dispose();
        Embeddings.Dispose();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
