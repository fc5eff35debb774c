using System.Reflection;
using System.Text.RegularExpressions;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Training.Trainer;

namespace Smoothie.Samples.Tests;

/// <summary>Every C# snippet of the guides is compiled: it occurs verbatim in a sample or in <see cref="DocSnippets"/>, which run here.</summary>
[Collection(SamplesCollection.Name)]
public sealed partial class DocSnippetsTests : IDisposable
{
    private static readonly string[] Guides = ["getting-started.md", "concepts.md", "training.md", "gpu.md", "troubleshooting.md", "api-overview.md", "serving.md", "packaging.md"];
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-docs-test").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string RepositoryRoot => typeof(DocSnippetsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static TheoryData<string> GuideNames() => new(Guides);

    [Theory]
    [MemberData(nameof(GuideNames))]
    public void EveryCSharpSnippetOccursVerbatimInASampleOrInDocSnippets(string guide)
    {
        string markdown = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", guide));
        var compiled = Directory.GetFiles(Path.Combine(RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(RepositoryRoot, "tests", "Smoothie.Samples.Tests", "DocSnippets.cs"))
            .ToDictionary(f => f, f => SnippetText.Normalize(File.ReadAllText(f)));
        foreach (Match block in SnippetText.CSharpBlock().Matches(markdown))
        {
            string[] snippet = SnippetText.Normalize(block.Groups[1].Value);
            Assert.NotEmpty(snippet);
            Assert.True(
                compiled.Values.Any(source => SnippetText.ContainsBlock(source, snippet)),
                $"{guide}: this snippet is in no sample and not in DocSnippets.cs:\n{block.Groups[1].Value}");
        }
    }

    [Fact]
    public void TheFitSnippetSelectsTheAlignedLayoutForTheNearCopyTaskAndFlagsTheEnglishVocabularyForSpanish()
    {
        (bool aligned, IReadOnlyList<string> problems) = DocSnippets.MeasureFit(BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(200).ToList());
        Assert.True(aligned);
        Assert.Empty(problems);

        (aligned, problems) = DocSnippets.MeasureFit(BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "spa").Take(200).ToList());
        Assert.False(aligned);
        Assert.NotEmpty(problems);
    }

    [Fact]
    public void EveryGuideLinksOnlyToFilesThatExist()
    {
        foreach (string guide in Guides)
        {
            string markdown = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", guide));
            foreach (Match link in RelativeLink().Matches(markdown))
            {
                string target = link.Groups[1].Value.Split('#')[0];
                Assert.True(File.Exists(Path.Combine(RepositoryRoot, "docs", target)) || Directory.Exists(Path.Combine(RepositoryRoot, "docs", target)), $"{guide} links to a missing {target}");
            }
        }
    }

    [Fact]
    public async Task TheSnippetsRun()
    {
        string folder = Path.Combine(root, "pipeline");
        TinyPipelineFolder.Write(folder);

        string rewrite = await DocSnippets.ConsoleAppWithDependencyInjection(folder);
        Assert.DoesNotMatch(@"\[(CLS|SEP|PAD)\]", rewrite); // decoded text, frame and padding stripped
        (string modern, string fast) = await DocSnippets.TwoNamedModels(folder);
        Assert.DoesNotMatch(@"\[(CLS|SEP|PAD)\]", modern + fast);
        Assert.Equal(2, DocSnippets.LoadAndGenerate(folder).Count);

        using SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        List<GenerationUpdate> updates = await DocSnippets.Stream(pipeline);
        Assert.Equal([1, 2, 3, 4], updates.Select(u => u.Step));

        IReadOnlyList<GenerationResult> results = DocSnippets.GenerateWithCoverage(pipeline);
        Assert.Equal([0, 0.4], results.Select(r => Math.Round(r.UnknownTokenShare, 10)));

        EvaluationReport report = DocSnippets.Evaluate(pipeline);
        Assert.Equal(20, report.Count);
        Assert.InRange(report.CopyBleu, 30, 70);

        IReadOnlyList<Seq2SeqPair> pairs = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(24).ToList();
        TrainingRunResult run = DocSnippets.TrainWithProgress(pipeline, pairs, pairs.Take(4).ToList(), DocSnippets.CpuTrainingOptions() with { MaxSteps = 2, BatchSize = 4, EvaluateEvery = 2 }, Path.Combine(root, "run"));
        Assert.Equal(2, run.Steps);
        Assert.NotNull(run.LastValidationLoss);
    }

    [Fact]
    public void TheConfigurationSnippetsSayWhatTheDocsSay()
    {
        Assert.Equal(["arctan", "cosine-sd", "tess", "sqrt", "cosine"], DocSnippets.SpacesAndSchedules().Select(b => b.Configuration.Schedule));
        Assert.Equal(
            [LatentSpaceKind.Distance, LatentSpaceKind.Embedding, LatentSpaceKind.Simplex, LatentSpaceKind.Embedding, LatentSpaceKind.Embedding],
            DocSnippets.SpacesAndSchedules().Select(b => b.Configuration.Latent));

        // σ̄(½) = (200/1.5 − 1)·(2/π)·arctan(1/9) + 1; μ = σ̄⁻²; std = √(1 − σ̄⁻⁴).
        double sigmaBar = ((200 / 1.5) - 1) * (2 / Math.PI) * Math.Atan(1.0 / 9) + 1;
        (double mu, double std) = DocSnippets.ArctanAtHalf();
        Assert.Equal(1 / (sigmaBar * sigmaBar), mu, 1e-9);
        Assert.Equal(Math.Sqrt(1 - Math.Pow(sigmaBar, -4)), std, 1e-9);

        Assert.Contains("UseCosineSdSchedule()", DocSnippets.InvalidCombination(), StringComparison.Ordinal);
        DocSnippets.CpuTrainingOptions().Validate();

        Assert.Equal(0, DocSnippets.CheckTorchSharp());
        (bool cuda, TorchSharp.torch.ScalarType dtype) = DocSnippets.DeviceFacts();
        Assert.Equal(cuda ? TorchSharp.torch.ScalarType.BFloat16 : TorchSharp.torch.ScalarType.Float32, dtype);
    }

    [GeneratedRegex(@"\]\((?!https?:)([^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
