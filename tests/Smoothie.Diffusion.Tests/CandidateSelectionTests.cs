using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;

namespace Smoothie.Diffusion.Tests;

/// <summary>Minimum-Bayes-risk selection over K candidates (<see cref="GenerationOptions.Candidates"/>).</summary>
[Collection("torch-serial")]
public sealed class CandidateSelectionTests
{
    private static readonly string[] Sources = ["And God said, Let there be light: and there was light.", "And Isaac dwelt in Gerar."];

    [Fact]
    public void EachOutputIsTheSelectedOneOfTheSeedsCandidates()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        var options = new GenerationOptions { Seed = 4, Guard = null };
        IReadOnlyList<string>[] runs = Enumerable.Range(0, 3).Select(k => pipeline.Generate(Sources, options with { Seed = 4 + k })).ToArray();
        IReadOnlyList<string> selected = pipeline.Generate(Sources, options with { Candidates = 3 });
        for (int i = 0; i < Sources.Length; i++)
        {
            Assert.Equal(MinimumBayesRisk.Select(runs.Select(r => r[i]).ToList()), selected[i]);
        }
    }

    [Fact]
    public void OneCandidateIsPlainGeneration()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        var options = new GenerationOptions { Seed = 4, Guard = null };
        Assert.Equal(pipeline.Generate(Sources, options), pipeline.Generate(Sources, options with { Candidates = 1 }));
    }

    [Fact]
    public void ZeroCandidatesAreRejected()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        var error = Assert.Throws<ArgumentException>(() => pipeline.Generate(Sources, new GenerationOptions { Candidates = 0 }));
        Assert.Contains("Candidates", error.Message);
    }
}
