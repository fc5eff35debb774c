using System.Diagnostics;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class PresetSizeTests(ITestOutputHelper output)
{
    public static TheoryData<string> SmallPresets() => new() { nameof(ModelPreset.Small), nameof(ModelPreset.Tiny), nameof(ModelPreset.SmallPretrained) };

    [Theory]
    [MemberData(nameof(SmallPresets))]
    public void ParameterCountMatchesTheLayoutFormula(string presetName)
    {
        DenoiserConfig config = presetName switch
        {
            nameof(ModelPreset.Small) => ModelPreset.Small,
            nameof(ModelPreset.Tiny) => ModelPreset.Tiny,
            _ => ModelPreset.SmallPretrained,
        };
        using SmoothieDenoiser model = TestModels.Build(config);
        long h = config.HiddenSize;
        long f = config.EffectiveIntermediateSize;
        long selfAndFfn = (4 * ((h * h) + h)) + (2 * h) + (h * f) + f + (f * h) + h + (2 * h);
        long cross = (4 * ((h * h) + h)) + (2 * h);
        long expected = (config.DenoiserLayers * (selfAndFfn + cross))
            + (config.DenoiserLayers * ((h * h) + h))
            + ((2 * h * h) + (2 * h) + (2 * h * h) + h)
            + (config.MaxTargetLength * h)
            + (config.ConditionEncoderLayers * selfAndFfn) + (config.MaxSourceLength * h) + (2 * h);
        output.WriteLine($"{presetName}: {model.TrainableParameterCount:N0} parameters (d = h = {h})");
        Assert.Equal(expected, model.TrainableParameterCount);
    }

    /// <summary>Opt-in (SMOOTHIE_TIMING=1): wall-clock timing is meaningless on a machine shared with other jobs.</summary>
    [TimingFact]
    public void TinyTrainingStepOfBatch64x48IsWellUnderASecond() => MeasureTrainingStep(ModelPreset.Tiny, maxSeconds: 0.6);

    private void MeasureTrainingStep(DenoiserConfig config, double maxSeconds)
    {
        const int batch = 64;
        const int length = 48;
        const int vocabulary = 10_000;
        using SmoothieDenoiser model = TestModels.Build(config);
        model.train();
        int d = config.EffectiveEmbeddingSize;
        var optimizer = optim.AdamW(model.parameters(), lr: 1e-4, beta1: 0.9, beta2: 0.98);
        using var data = NewDisposeScope();
        Tensor embeddings = randn(vocabulary, d);
        output.WriteLine($"d = {d}");
        Tensor logits = randn(batch, length, vocabulary);
        Tensor target = randn(batch, length, d);
        Tensor sourceIds = randint(0, vocabulary, [batch, length], dtype: ScalarType.Int64);
        Tensor time = rand(batch);

        double Step(bool includeLatent)
        {
            var watch = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            Tensor noisy = includeLatent ? nn.functional.softmax(logits, -1).matmul(embeddings) : target;
            Tensor prediction = model.forward(new DenoiserInput(noisy, time) { SourceIds = sourceIds, EmbeddingMatrix = embeddings });
            Tensor loss = nn.functional.mse_loss(prediction, target);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            return watch.Elapsed.TotalSeconds;
        }

        Step(false); // warm-up
        double model3 = Enumerable.Range(0, 3).Select(_ => Step(false)).Min();
        double withLatent = Enumerable.Range(0, 2).Select(_ => Step(true)).Min();
        output.WriteLine($"h = {config.HiddenSize} ({model.TrainableParameterCount:N0} parameters), batch {batch}×{length}, source {length}, {torch.get_num_threads()} threads:");
        output.WriteLine($"  denoiser forward + backward + AdamW: {model3:F3} s");
        output.WriteLine($"  + softmax(x_t)@E over V = {vocabulary}: {withLatent:F3} s");
        Assert.True(model3 < maxSeconds, $"A training step took {model3:F2} s.");
    }
}
