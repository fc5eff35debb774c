using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;
using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;
using Smoothie.Training.Trainer;

namespace Smoothie.Diffusion.Tests;

/// <summary>Pipelines whose model edits the word lookup's draft of each source (<see cref="SourceDraftKind.WordLookup"/>).</summary>
[Collection("torch-serial")]
public sealed class SourceDraftPipelineTests : IDisposable
{
    private static readonly string[] Sources = ["And God said, Let there be light: and there was light.", "And Isaac dwelt in Gerar."];

    private readonly string root = Directory.CreateTempSubdirectory("smoothie-draft").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static WordLookupBaseline Lookup() =>
        WordLookupBaseline.Learn(TinyPipelines.Pairs.Select(p => p.Source).ToList(), TinyPipelines.Pairs.Select(p => p.Target).ToList());

    private static TrainingOptions OneStep => new() { BatchSize = 8, MaxSteps = 1, WarmupSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 };

    [Fact]
    public void TrainingLearnsTheLookupAndTheFolderKeepsTheDraftSetting()
    {
        string output = Path.Combine(root, "run");
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup, 0.5).Build())
        {
            pipeline.Train(TinyPipelines.Pairs, null, OneStep, output);
        }

        Assert.Contains("\"sourceDraft\": \"word-lookup\"", File.ReadAllText(Path.Combine(output, PipelineFolder.ConfigurationFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(output, DeviceKind.Cpu);
        Assert.Equal(SourceDraftKind.WordLookup, loaded.Configuration.SourceDraft);
        Assert.Equal(0.5, loaded.Configuration.SourceDraftShare);
        WordLookupBaseline lookup = Lookup();
        Assert.Equal(lookup.ToText(), loaded.Lookup!.ToText());
        Assert.Equal(lookup.Rewrite(Sources[1], 0.5), loaded.Draft(Sources[1]));
    }

    [Fact]
    public void AFolderWithoutTheDraftSettingWritesNoDraftKey()
    {
        string folder = Path.Combine(root, "plain");
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            pipeline.Save(folder);
            Assert.Equal(Sources[0], pipeline.Draft(Sources[0]));
        }

        Assert.DoesNotContain("sourceDraft", File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile)));
    }

    [Fact]
    public void GenerationGivesTheModelTheDraftOfEachSource()
    {
        WordLookupBaseline lookup = Lookup();
        var options = new GenerationOptions { Seed = 5, Guard = null };
        using SmoothiePipeline drafting = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup).Build();
        using SmoothiePipeline plain = TinyPipelines.Builder().Build();
        drafting.Lookup = lookup;
        plain.Lookup = lookup;
        string[] drafts = Sources.Select(s => lookup.Rewrite(s)).ToArray();
        Assert.NotEqual(Sources, drafts);
        Assert.Equal(plain.Generate(drafts, options), drafting.Generate(Sources, options));
    }

    [Fact]
    public void TheGuardKeepsTheWordsTheDraftKeepsUnlessTurnedOff()
    {
        WordLookupBaseline lookup = Lookup();
        using SmoothiePipeline drafting = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup, 0.5).Build();
        drafting.Lookup = lookup;
        IReadOnlyList<string> raw = drafting.Generate(Sources, new GenerationOptions { Seed = 5, Guard = null });
        IReadOnlyList<string> kept = drafting.Generate(Sources, new GenerationOptions { Seed = 5 });
        IReadOnlyList<string> notKept = drafting.Generate(Sources, new GenerationOptions { Seed = 5, Guard = LookupGuardOptions.Default with { KeepDrafted = false } });

        var keepGuard = new LookupGuard(lookup, drafting.TargetWords, LookupGuardOptions.Default with { KeepShare = 0.5 });
        var plainGuard = new LookupGuard(lookup, drafting.TargetWords, LookupGuardOptions.Default);
        Assert.Equal(raw.Select((o, i) => keepGuard.Apply(o, Sources[i])), kept);
        Assert.Equal(raw.Select((o, i) => plainGuard.Apply(o, Sources[i])), notKept);
        Assert.Contains("Gerar", kept[1], StringComparison.Ordinal);
    }

    [Fact]
    public void APipelinesGuardKeepShareReplacesTheDraftsShareAndIsSavedWithIt()
    {
        string folder = Path.Combine(root, "keep-share");
        WordLookupBaseline lookup = Lookup();
        using (SmoothiePipeline drafting = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup, 0.5).UseGuardKeepShare(0.9).Build())
        {
            drafting.Lookup = lookup;
            IReadOnlyList<string> raw = drafting.Generate(Sources, new GenerationOptions { Seed = 5, Guard = null });
            var atPipelineShare = new LookupGuard(lookup, drafting.TargetWords, LookupGuardOptions.Default with { KeepShare = 0.9 });
            Assert.Equal(raw.Select((o, i) => atPipelineShare.Apply(o, Sources[i])), drafting.Generate(Sources, new GenerationOptions { Seed = 5 }));
            var atOptionShare = new LookupGuard(lookup, drafting.TargetWords, LookupGuardOptions.Default with { KeepShare = 0.2 });
            Assert.Equal(raw.Select((o, i) => atOptionShare.Apply(o, Sources[i])), drafting.Generate(Sources, new GenerationOptions { Seed = 5, Guard = LookupGuardOptions.Default with { KeepShare = 0.2 } }));
            drafting.Save(folder);
        }

        Assert.Contains("\"guardKeepShare\": 0.9", File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.Equal(0.9, loaded.Configuration.GuardKeepShare);
        Assert.Equal(0.5, loaded.Configuration.SourceDraftShare);
    }

    [Fact]
    public void AGuardKeepShareOutsideZeroToOneOrWithoutADraftIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TinyPipelines.Builder().UseGuardKeepShare(1.5));
        Assert.Equal("share", error.ParamName);
        var outOfRange = new PipelineConfiguration { SourceDraft = SourceDraftKind.WordLookup, GuardKeepShare = -0.1 };
        Assert.Contains(outOfRange.Problems(), p => p.Contains("guardKeepShare must lie in [0, 1]", StringComparison.Ordinal));
        var noDraft = new PipelineConfiguration { GuardKeepShare = 0.75 };
        Assert.Contains(noDraft.Problems(), p => p.Contains("guardKeepShare applies to a pipeline that drafts", StringComparison.Ordinal));
        Assert.DoesNotContain(new PipelineConfiguration { SourceDraft = SourceDraftKind.WordLookup, GuardKeepShare = 0.75 }.Problems(), p => p.Contains("guardKeepShare", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluationScoresTheDraftBesideTheModel()
    {
        WordLookupBaseline lookup = Lookup();
        using SmoothiePipeline drafting = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup, 0.5).Build();
        drafting.Lookup = lookup;
        var pairs = TinyPipelines.Pairs.Take(4).ToList();
        TargetWordList words = TargetWordList.FromTexts(TinyPipelines.Pairs.Select(p => p.Target));
        EvaluationReport report = drafting.EvaluateWithBaselines(pairs, lookup, words, new GenerationOptions { Seed = 2 });
        Assert.NotNull(report.DraftScores);
        Assert.NotNull(report.ModelVsDraftBleu);
        Assert.Equal(new Bleu().CorpusScore(pairs.Select(p => lookup.Rewrite(p.Source, 0.5)).ToList(), pairs.Select(p => p.Target).ToList()).Score, report.DraftScores!.Bleu, 6);
        using SmoothiePipeline plain = TinyPipelines.Builder().Build();
        Assert.Null(plain.EvaluateWithBaselines(pairs, lookup, words, new GenerationOptions { Seed = 2 }).DraftScores);
    }

    [Fact]
    public void ADraftingPipelineWithoutALookupSaysWhatIsMissing()
    {
        using SmoothiePipeline drafting = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup).Build();
        var error = Assert.Throws<InvalidOperationException>(() => drafting.Generate(Sources));
        Assert.Contains("Lookup", error.Message);
        string folder = Path.Combine(root, "no-lookup");
        drafting.Save(folder);
        var load = Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(folder, DeviceKind.Cpu));
        Assert.Contains(PipelineFolder.LookupFile, load.Message);
    }

    [Fact]
    public void AnInContextDraftingFolderNeedsALookupWithContexts()
    {
        string folder = Path.Combine(root, "in-context");
        using (SmoothiePipeline drafting = TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookupInContext, 0.5).Build())
        {
            // "shall" is rewritten after "we" and kept after "they" (12 times each): the lookup keeps both contexts.
            drafting.Lookup = WordLookupBaseline.Learn(
                [.. Enumerable.Repeat("we shall go", 12), .. Enumerable.Repeat("they shall go", 12)],
                [.. Enumerable.Repeat("we will go", 12), .. Enumerable.Repeat("they shall go", 12)]);
            Assert.True(drafting.Lookup.HasContexts);
            Assert.Equal("We will go", drafting.Draft("we shall go"));
            drafting.Save(folder);
        }

        Assert.Contains("\"sourceDraft\": \"word-lookup-in-context\"", File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile)));
        string lookupFile = Path.Combine(folder, PipelineFolder.LookupFile);
        string[] unigramLines = File.ReadAllLines(lookupFile).Where(l => !l.StartsWith('@')).Skip(1).ToArray();
        File.WriteAllLines(lookupFile, ["# Smoothie word lookup baseline v3: key<TAB>occurrences<TAB>occurrences aligned to a target token<TAB>occurrences aligned to the prediction[<TAB>replacement (empty: deleted; a leading space: written after a space)]; no replacement: copied", .. unigramLines]);
        var error = Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(folder, DeviceKind.Cpu));
        Assert.Contains("version 4", error.Message);
        Assert.Contains(PipelineFolder.LookupFile, error.Message);
    }

    [Fact]
    public void AShareOutsideZeroToOneIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TinyPipelines.Builder().UseSourceDraft(SourceDraftKind.WordLookup, 1.5));
        Assert.Equal("minimumShare", error.ParamName);
        var configuration = new PipelineConfiguration { SourceDraft = SourceDraftKind.WordLookup, SourceDraftShare = -0.1 };
        Assert.Contains(configuration.Problems(), p => p.Contains("sourceDraftShare", StringComparison.Ordinal));
    }
}
