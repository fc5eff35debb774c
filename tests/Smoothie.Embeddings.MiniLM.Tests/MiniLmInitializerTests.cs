using Smoothie.Embeddings.Readers;
using Smoothie.Models.Denoising;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.MiniLM.Tests;

public sealed class MiniLmInitializerTests
{
    [Fact]
    public void FrozenConditionEncoderCopiesMiniLmAndTheRestStillTrains()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact);
        Dictionary<string, Tensor> initial = MiniLmTestModels.Snapshot(model);
        long trainableBefore = model.TrainableParameterCount;

        IReadOnlyList<string> copied = MiniLmInitializer.InitializeConditionEncoder(model, layers: 2, freeze: true, weights: MiniLmTestModels.Weights);

        Assert.Equal(3 + (2 * 16), copied.Count);
        Dictionary<string, Tensor> parameters = MiniLmTestModels.Parameters(model);
        for (int layer = 0; layer < 2; layer++)
        {
            foreach (string name in BertOnnxWeightImporter.LayerParameterNames)
            {
                Tensor actual = parameters[$"condition_encoder.blocks.{layer}.{name}"];
                Assert.True(actual.BitEqual(MiniLmTestModels.MiniLm($"encoder.layer.{layer}.{name}")), name);
                Assert.False(actual.requires_grad, name);
            }
        }

        // Positions: the first MaxSourceLength rows of MiniLM's, plus the token-type-0 row BERT adds to every token.
        Tensor expectedPositions = MiniLmTestModels.MiniLm("embeddings.position_embeddings.weight").narrow(0, 0, 24)
            + MiniLmTestModels.MiniLm("embeddings.token_type_embeddings.weight")[0];
        Assert.True(parameters["condition_encoder.position_embeddings.weight"].BitEqual(expectedPositions));
        Assert.True(parameters["condition_encoder.LayerNorm.weight"].BitEqual(MiniLmTestModels.MiniLm("embeddings.LayerNorm.weight")));
        Assert.True(parameters["condition_encoder.LayerNorm.bias"].BitEqual(MiniLmTestModels.MiniLm("embeddings.LayerNorm.bias")));

        // Block 2 was not asked for: fresh and trainable, like everything outside the copied set.
        var frozen = copied.ToHashSet();
        foreach ((string name, Tensor value) in parameters)
        {
            Assert.Equal(!frozen.Contains(name), value.requires_grad);
            if (!frozen.Contains(name))
            {
                Assert.True(value.BitEqual(initial[name]), name);
            }
        }

        long frozenCount = copied.Sum(n => parameters[n].numel());
        Assert.Equal(trainableBefore - frozenCount, model.TrainableParameterCount);

        // One optimiser step over the trainable parameters: the frozen ones get no gradient and stay bit-equal.
        Dictionary<string, Tensor> before = MiniLmTestModels.Snapshot(model);
        var optimizer = optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: 1e-3, beta1: 0.9, beta2: 0.98);
        model.train();
        var generator = new Generator(7);
        var input = new DenoiserInput(randn(2, 8, 384, generator: generator), rand(2, generator: generator))
        {
            SourceIds = randint(1000, 2000, [2, 10], dtype: ScalarType.Int64, generator: generator),
            EmbeddingMatrix = randn(2000, 384, generator: generator),
        };
        Tensor loss = model.forward(input).square().mean();
        loss.backward();
        optimizer.step();

        int updated = 0;
        foreach ((string name, Tensor value) in parameters)
        {
            bool changed = !value.BitEqual(before[name]);
            if (frozen.Contains(name))
            {
                Assert.Null(value.grad);
                Assert.False(changed, name);
            }
            else
            {
                // Every trainable tensor gets a gradient; it moves unless that gradient vanishes (attention key
                // biases: softmax is invariant to a per-query constant, so theirs is zero up to rounding).
                Tensor grad = value.grad ?? throw new Xunit.Sdk.XunitException($"{name} has no gradient");
                bool vanishing = grad.abs().max().item<float>() < 1e-8;
                Assert.True(changed || vanishing, name);
                updated += changed ? 1 : 0;
            }
        }

        Assert.True(updated > 100, $"{updated} trainable tensors moved");
        Assert.True(parameters["condition_encoder.blocks.2.attention.self.query.weight"].BitEqual(before["condition_encoder.blocks.2.attention.self.query.weight"]) is false);
    }

    [Fact]
    public void UnfrozenConditionEncoderStaysTrainable()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact);
        long trainable = model.TrainableParameterCount;
        IReadOnlyList<string> copied = MiniLmInitializer.InitializeConditionEncoder(model, weights: MiniLmTestModels.Weights);

        Assert.Equal(3 + (3 * 16), copied.Count); // null layers = every condition block
        Assert.Equal(trainable, model.TrainableParameterCount);
        Assert.True(MiniLmTestModels.Parameters(model)["condition_encoder.blocks.2.output.dense.weight"]
            .BitEqual(MiniLmTestModels.MiniLm("encoder.layer.2.output.dense.weight")));
    }

    [Fact]
    public void DenoiserBlocksTakeMiniLmLayersAndCrossAttentionStaysFresh()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact);
        Dictionary<string, Tensor> initial = MiniLmTestModels.Snapshot(model);

        IReadOnlyList<string> copied = MiniLmInitializer.InitializeDenoiserBlocks(model, MiniLmTestModels.Weights);

        Assert.Equal(6 * 16, copied.Count);
        Dictionary<string, Tensor> parameters = MiniLmTestModels.Parameters(model);
        for (int k = 0; k < 6; k++)
        {
            string prefix = k < 3 ? $"encoder.input_blocks.{k}." : $"encoder.output_blocks.{k - 3}.";
            int layer = MiniLmInitializer.DenoiserSourceLayer(k);
            Assert.Equal(k, layer); // 3 + 3 blocks run MiniLM's layers 0..5 in order
            foreach (string name in BertOnnxWeightImporter.LayerParameterNames)
            {
                Assert.True(parameters[prefix + name].BitEqual(MiniLmTestModels.MiniLm($"encoder.layer.{layer}.{name}")), prefix + name);
                Assert.True(parameters[prefix + name].requires_grad);
            }
        }

        var copiedSet = copied.ToHashSet();
        int untouched = 0;
        foreach ((string name, Tensor value) in parameters.Where(p => !copiedSet.Contains(p.Key)))
        {
            Assert.True(value.BitEqual(initial[name]), name);
            untouched++;
        }

        Assert.Contains("encoder.input_blocks.0.crossattention.self.query.weight", parameters.Keys);
        Assert.DoesNotContain(copied, n => n.Contains("crossattention", StringComparison.Ordinal) || n.Contains("time", StringComparison.Ordinal));
        Assert.True(untouched > 6 * 10, "cross-attention (10 tensors per block), time layers and the condition encoder stay fresh");
    }

    [Fact]
    public void DeeperStacksWrapAroundMiniLmsSixLayers()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5], Enumerable.Range(0, 12).Select(MiniLmInitializer.DenoiserSourceLayer));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniLmInitializer.DenoiserSourceLayer(-1));
    }
}
