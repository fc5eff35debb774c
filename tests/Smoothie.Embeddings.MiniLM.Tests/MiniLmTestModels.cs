using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Models.Encoders;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.MiniLM.Tests;

/// <summary>The imported MiniLM weights (parsed once per test run) and small MiniLM-shaped models.</summary>
internal static class MiniLmTestModels
{
    private static readonly Lazy<Dictionary<string, (float[] Data, long[] Shape)>> ImportedWeights =
        new(() => MiniLmBertWeights.Import(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyDictionary<string, (float[] Data, long[] Shape)> Weights => ImportedWeights.Value;

    /// <summary>SmallPretrained, shrunk where MiniLM does not constrain the shape (lengths, depths).</summary>
    public static DenoiserConfig Compact { get; } = ModelPreset.SmallPretrained with
    {
        DenoiserLayers = 6,
        ConditionEncoderLayers = 3,
        MaxTargetLength = 8,
        MaxSourceLength = 24,
    };

    public static SmoothieDenoiser Build(DenoiserConfig config, long seed = 1)
    {
        TorchSharpRuntime.EnsureLoaded();
        torch.manual_seed(seed);
        return new SmoothieDenoiser(config);
    }

    public static ConditionEncoder ConditionEncoderOf(SmoothieDenoiser model)
        => (ConditionEncoder)model.named_children().Single(c => c.name == "condition_encoder").module;

    public static Tensor MiniLm(string name)
    {
        (float[] data, long[] shape) = Weights[name];
        return tensor(data, shape, ScalarType.Float32);
    }

    public static Dictionary<string, Tensor> Parameters(SmoothieDenoiser model)
        => model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);

    /// <summary>Detached copies of every parameter (the RNG is global and tests run in parallel: compare with a snapshot, not a same-seed twin).</summary>
    public static Dictionary<string, Tensor> Snapshot(SmoothieDenoiser model)
        => model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());

    public static bool BitEqual(this Tensor actual, Tensor expected)
        => actual.shape.SequenceEqual(expected.shape) && actual.dtype == expected.dtype && actual.eq(expected).all().item<bool>();
}
