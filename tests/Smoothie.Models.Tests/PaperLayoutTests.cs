using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Xunit.Abstractions;

namespace Smoothie.Models.Tests;

public sealed class PaperLayoutTests(ITestOutputHelper output)
{
    /// <summary>Tensors of one BERT sub-layer "attention" (or "crossattention"), SPEC §3.</summary>
    private static readonly string[] AttentionKeys =
    [
        "self.query.weight", "self.query.bias",
        "self.key.weight", "self.key.bias",
        "self.value.weight", "self.value.bias",
        "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias",
    ];

    /// <summary>Tensors of a BERT block after its attention sub-layers.</summary>
    private static readonly string[] FeedForwardKeys =
    [
        "intermediate.dense.weight", "intermediate.dense.bias",
        "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias",
    ];

    private static readonly string[] TopLevelKeys =
    [
        "position_ids",
        "position_embeddings.weight",
        "time_emb.0.weight", "time_emb.0.bias",
        "time_emb.2.weight", "time_emb.2.bias",
        "condition_encoder.position_embeddings.weight",
        "condition_encoder.LayerNorm.weight", "condition_encoder.LayerNorm.bias",
    ];

    private static readonly Lazy<SmoothieDenoiser> Paper = new(() => TestModels.Build(ModelPreset.Paper));

    [Fact]
    public void PaperKeyListEqualsTheReferenceLayout()
    {
        var expected = new List<string>(TopLevelKeys);
        foreach (string stack in new[] { "input_blocks", "output_blocks" })
        {
            for (int i = 0; i < 6; i++)
            {
                expected.AddRange(AttentionKeys.Select(k => $"encoder.{stack}.{i}.attention.{k}"));
                expected.AddRange(AttentionKeys.Select(k => $"encoder.{stack}.{i}.crossattention.{k}"));
                expected.AddRange(FeedForwardKeys.Select(k => $"encoder.{stack}.{i}.{k}"));
            }
        }

        for (int i = 0; i < 12; i++)
        {
            expected.Add($"encoder.time_layers.{i}.weight");
            expected.Add($"encoder.time_layers.{i}.bias");
        }

        for (int i = 0; i < 6; i++)
        {
            expected.AddRange(AttentionKeys.Select(k => $"condition_encoder.blocks.{i}.attention.{k}"));
            expected.AddRange(FeedForwardKeys.Select(k => $"condition_encoder.blocks.{i}.{k}"));
        }

        var actual = Paper.Value.state_dict();
        Assert.Equal(9 + 12 * 26 + 24 + 6 * 16, expected.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));

        // Shapes of a few representative tensors: Linear weights are [out, in].
        Assert.Equal(new long[] { 1536, 768 }, actual["time_emb.0.weight"].shape);
        Assert.Equal(new long[] { 768, 1536 }, actual["time_emb.2.weight"].shape);
        Assert.Equal(new long[] { 3072, 768 }, actual["encoder.output_blocks.5.intermediate.dense.weight"].shape);
        Assert.Equal(new long[] { 768, 3072 }, actual["encoder.output_blocks.5.output.dense.weight"].shape);
        Assert.Equal(new long[] { 64, 768 }, actual["position_embeddings.weight"].shape);
        Assert.Equal(new long[] { 1, 64 }, actual["position_ids"].shape);
        Assert.Equal(new long[] { 512, 768 }, actual["condition_encoder.position_embeddings.weight"].shape);
    }

    [Fact]
    public void PaperParameterCountIsPrintedAndItsDenoiserTrunkIsAbout100M()
    {
        var parameters = Paper.Value.named_parameters().ToList();
        long total = parameters.Sum(p => p.parameter.numel());
        long crossAttention = parameters.Where(p => p.name.Contains(".crossattention.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        long conditionEncoder = parameters.Where(p => p.name.StartsWith("condition_encoder.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        long trunk = total - crossAttention - conditionEncoder;
        output.WriteLine($"Paper preset (d = h = 768): total {total:N0} parameters");
        output.WriteLine($"  denoiser trunk (blocks without cross-attention, time MLP, time layers, positions): {trunk:N0}");
        output.WriteLine($"  cross-attention sub-layers: {crossAttention:N0}");
        output.WriteLine($"  condition encoder: {conditionEncoder:N0}");

        // Exact counts from the layout: a self-attention + FFN block has 12h² + 13h parameters, cross-attention 4h² + 6h.
        const long h = 768;
        long block = 12 * h * h + 13 * h;
        long cross = 4 * h * h + 6 * h;
        Assert.Equal(12 * block + 12 * (h * h + h) + (2 * h * h + 2 * h) + (2 * h * h + h) + 64 * h, trunk);
        Assert.Equal(12 * cross, crossAttention);
        Assert.Equal(6 * block + 512 * h + 2 * h, conditionEncoder);

        // The paper's "~100M" is the denoiser trunk; conditioning adds cross-attention and the 6-block encoder (docs/model.md).
        Assert.InRange(trunk, 90_000_000, 110_000_000);
    }
}
