using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class SinusoidalTimeEmbeddingTests
{
    [Fact]
    public void CosineHalfThenSineHalfWithGeometricFrequencies()
    {
        TestModels.Build(TestModels.Micro).Dispose();
        using var scope = NewDisposeScope();
        float[] times = [0f, 0.3f, 0.9f];
        Tensor embedding = SinusoidalTimeEmbedding.Embed(tensor(times), 8, maxPeriod: 10_000, scale: 2.0);
        Assert.Equal(new long[] { 3, 8 }, embedding.shape);
        float[] values = embedding.data<float>().ToArray();
        for (int b = 0; b < 3; b++)
        {
            for (int k = 0; k < 4; k++)
            {
                double frequency = Math.Exp(-Math.Log(10_000) * k / 4);
                double argument = 2.0 * times[b] * frequency;
                Assert.Equal(Math.Cos(argument), values[(b * 8) + k], 5);
                Assert.Equal(Math.Sin(argument), values[(b * 8) + 4 + k], 5);
            }
        }

        Tensor odd = SinusoidalTimeEmbedding.Embed(tensor(times), 7);
        Assert.Equal(new long[] { 3, 7 }, odd.shape);
        Assert.Equal(0f, odd[TensorIndex.Colon, 6].abs().sum().item<float>());
        Assert.Throws<ArgumentException>(() => SinusoidalTimeEmbedding.Embed(tensor(new long[] { 1 }), 8));
    }
}
