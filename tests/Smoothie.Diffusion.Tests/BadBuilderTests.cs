using Smoothie.Diffusion.Embeddings;
using Smoothie.Embeddings;
using Smoothie.Text;

namespace Smoothie.Diffusion.Tests;

/// <summary>Bad <see cref="SmoothieBuilder"/> calls: each names the setting and the accepted values.</summary>
[Collection("torch-serial")]
public sealed class BadBuilderTests
{
    [Fact]
    public void UnknownSolverAndZeroStepsAreListedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder().UseSampling(steps: 0, solver: "euler").Build());
        Assert.Contains("The Smoothie configuration cannot be built:", e.Message);
        Assert.Contains("solver 'euler' is unknown; expected one of renoise, ddpm, ddim, sde", e.Message);
        Assert.Contains("samplingSteps must be ≥ 1, got 0", e.Message);
    }

    [Fact]
    public void ASolverAliasIsNotAProblem()
    {
        Assert.Empty((SmoothieBuilder.Create().Configuration with { Solver = "Re-Noise" }).Problems());
    }

    [Fact]
    public void UnknownScheduleNamesTheAcceptedOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder().UseSchedule("linear", new Dictionary<string, double>()).Build());
        Assert.Contains("schedule 'linear' is unknown; expected one of", e.Message);
        Assert.Contains("arctan", e.Message);
    }

    [Fact]
    public void LengthsTooShortForTheSpecialTokensAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder().UseLengths(2, 16).Build());
        Assert.Contains("sourceLength (2) and targetLength (16) must be ≥ 3", e.Message);
    }

    [Fact]
    public void EmbeddingsNotAlignedWithTheCodecAreRejectedWithBothSizes()
    {
        ITextCodec codec = MiniLmEmbeddingProvider.Instance.CreateCodec();
        var table = new TokenEmbeddings(["[PAD]", "a", "b"], new float[3 * 4], 4, "test");
        var e = Assert.Throws<ArgumentException>(() => SmoothieBuilder.Create().UseEmbeddings(codec, table));
        Assert.Contains("The embeddings have 3 rows but the codec's vocabulary has 30522 tokens; they must be aligned row for row", e.Message);
    }

    [Fact]
    public void NonFiniteEmbeddingIsNamedByRowTokenAndColumn()
    {
        var e = Assert.Throws<ArgumentException>(() => new TokenEmbeddings(["[PAD]", "thou"], [0f, 1f, float.NaN, 2f], 2, "test"));
        Assert.Contains("The embedding matrix contains NaN at row 1 ('thou'), column 0; all values must be finite", e.Message);
    }
}
