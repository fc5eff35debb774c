using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary>Small configurations and inputs shared by the tests.</summary>
internal static class TestModels
{
    public const int Vocabulary = 23;

    public static DenoiserConfig Micro { get; } = new()
    {
        HiddenSize = 32,
        AttentionHeads = 4,
        DenoiserLayers = 4,
        IntermediateSize = 48,
        ConditionEncoderLayers = 2,
        SelfConditionEncoderLayers = 1,
        MaxTargetLength = 12,
        MaxSourceLength = 10,
    };

    public static SmoothieDenoiser Build(DenoiserConfig config, long seed = 1)
    {
        TorchSharpRuntime.EnsureLoaded();
        torch.manual_seed(seed);
        return new SmoothieDenoiser(config);
    }

    /// <summary>Random inputs; the source of row b has <c>S - b</c> real tokens (row 0 unpadded), padding id 0.</summary>
    public static Batch MakeBatch(DenoiserConfig config, int batch = 3, int length = 7, int sourceLength = 6, long seed = 11, bool selfCondition = false)
    {
        var generator = new Generator((ulong)seed);
        int d = config.EffectiveEmbeddingSize;
        Tensor embeddings = randn(Vocabulary, d, generator: generator);
        Tensor noisy = randn(batch, length, d, generator: generator);
        Tensor time = rand(batch, generator: generator);
        Tensor? ids = null;
        Tensor? mask = null;
        if (config.IsConditional)
        {
            ids = randint(1, Vocabulary, [batch, sourceLength], dtype: ScalarType.Int64, generator: generator);
            mask = ones(batch, sourceLength, dtype: ScalarType.Bool);
            for (int b = 0; b < batch; b++)
            {
                int real = Math.Max(1, sourceLength - b);
                mask[b, TensorIndex.Slice(real)] = false;
                ids[b, TensorIndex.Slice(real)] = 0;
            }
        }

        Tensor? previous = selfCondition ? randn(batch, length, d, generator: generator) : null;
        return new Batch(embeddings, new DenoiserInput(noisy, time)
        {
            SourceIds = ids,
            SourcePaddingMask = mask,
            EmbeddingMatrix = config.IsConditional ? embeddings : null,
            SelfCondition = previous,
        });
    }

    public sealed record Batch(Tensor Embeddings, DenoiserInput Input);
}

/// <summary>Exact tensor comparison helpers.</summary>
internal static class TensorAssertions
{
    /// <summary>Same shape and every element equal (bit-identical for finite values).</summary>
    public static bool BitEqual(this Tensor actual, Tensor expected)
        => actual.shape.SequenceEqual(expected.shape) && actual.dtype == expected.dtype && actual.eq(expected).all().item<bool>();
}
