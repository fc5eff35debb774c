using Smoothie.Data;
using Smoothie.Text.Fit;

namespace Smoothie.Cli.Tests;

/// <summary>The recipe fits the data, or says why not: the layout chosen from the measured alignment, the vocabulary warning, <c>--embeddings gpt2</c>.</summary>
public sealed class RecipeFitTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-fit").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A measurement with the given alignment share and vocabulary numbers (1,000 target tokens, 900 words).</summary>
    private static DataFitReport Report(double alignedShare, double piecesPerWord = 1.1, int freeDropped = 0) => new()
    {
        PairsGiven = 100,
        PairsMeasured = 100,
        TargetTokens = 1000,
        MatchedTargetTokens = (long)(alignedShare * 1000),
        TargetWords = (long)(1000 / piecesPerWord),
        UnknownTargetTokens = 0,
        AlteredTargetWords = 0,
        Pieces = 100,
        SplitPairs = 0,
        AlignedDroppedPieces = 0,
        FreeDroppedPieces = freeDropped,
        SuggestedTargetLength = 64,
    };

    /// <summary>
    /// Trains one step on the first <paramref name="pairs"/> bundled pairs with <paramref name="target"/> as the target
    /// column, into <c>root/name</c>; returns the exit code, the log and the output folder.
    /// </summary>
    private (int Code, string Log, string Output) TrainOneStep(string target, int pairs, string name, string targetLength, params string[] extra)
    {
        string output = Path.Combine(root, name);
        (int code, string log) = CliRun.Invoke(
            ["train", "--data", Pairs(target, pairs), "--target", target, .. extra, "--max-steps", "1", "--batch-size", "2", "--out", output, "--device", "cpu", "--source-length", "24", "--target-length", targetLength]);
        return (code, log, output);
    }

    [Theory]
    [InlineData(0.7, 0.7)]
    [InlineData(0.1, 0.0)]
    public void WithoutLayoutTheMeasuredShareChoosesTheDraftAndTheDecisionIsPrintedWithItsNumbers(double share, double draftShare)
    {
        TrainSettings settings = RecipeFit.Select(TrainSettings.Quickstart, Report(share));
        string line = RecipeFit.Lines(settings, Report(share))[0];

        Assert.StartsWith($"layout: aligned — {DataFitReport.Percent(share)} of the target tokens are copies of source tokens (a near-copy: ≥ 50.0 %)", line, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"source draft lookup-context (draft share {draftShare:0.0##})"), line, StringComparison.Ordinal);
        Assert.Equal(share < 0.5, line.Contains("not a near-copy, so the model edits the lookup's word-for-word draft", StringComparison.Ordinal));
        Assert.True(settings.UsesAlignedLayout(settings.Latent));
        Assert.Equal(draftShare, settings.UsesDraftShare);
        Assert.DoesNotContain(RecipeFit.Warnings(settings, Report(share), null), w => w.Contains("--layout", StringComparison.Ordinal));
    }

    [Fact]
    public void ATranslationWithoutADraftTakesTheFreeLayout()
    {
        TrainSettings settings = RecipeFit.Select(TrainSettings.Quickstart with { Draft = "none" }, Report(0.1));

        Assert.False(settings.UsesAlignedLayout(settings.Latent));
        Assert.Contains("source draft none", RecipeFit.Lines(settings, Report(0.1))[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnExplicitDraftShareWinsOverTheMeasuredOne()
    {
        TrainSettings settings = RecipeFit.Select(TrainSettings.Quickstart with { DraftShare = 0.5 }, Report(0.1));
        Assert.Equal(0.5, settings.UsesDraftShare);
    }

    [Fact]
    public void AnExplicitLayoutWinsWithAWarningWhenItContradictsTheMeasurement()
    {
        TrainSettings alignedWithoutDraft = RecipeFit.Select(TrainSettings.Quickstart with { Layout = "aligned", Draft = "none" }, Report(0.1));
        TrainSettings free = RecipeFit.Select(TrainSettings.Quickstart with { Layout = "free" }, Report(0.7));

        Assert.True(alignedWithoutDraft.UsesAlignedLayout(alignedWithoutDraft.Latent));
        Assert.False(free.UsesAlignedLayout(free.Latent));
        Assert.Contains(RecipeFit.Warnings(alignedWithoutDraft, Report(0.1), null), w => w.StartsWith("--layout aligned without a draft, but only 10.0 % of the target tokens", StringComparison.Ordinal) && w.Contains("--draft lookup-context --draft-share 0", StringComparison.Ordinal));
        Assert.Contains(RecipeFit.Warnings(free, Report(0.7), null), w => w.StartsWith("--layout free, but 70.0 %", StringComparison.Ordinal));
        TrainSettings aligned = RecipeFit.Select(TrainSettings.Quickstart with { Layout = "aligned" }, Report(0.1));
        Assert.DoesNotContain(RecipeFit.Warnings(aligned, Report(0.1), null), w => w.Contains("--layout", StringComparison.Ordinal));
        Assert.Empty(RecipeFit.Warnings(aligned, Report(0.7), null));
    }

    [Fact]
    public void AVocabularyThatCutsTheTargetLanguageUpIsAWarningNamingTheOptionToUse()
    {
        TrainSettings settings = TrainSettings.Quickstart with { MeasuredLayout = "free" };

        string warning = Assert.Single(RecipeFit.Warnings(settings, Report(0.1, piecesPerWord: 1.6), Report(0.1, piecesPerWord: 1.7)));

        Assert.Contains("the MiniLM vocabulary (uncased English WordPiece) does not fit the target language: it cuts a target word into 1.60 pieces", warning, StringComparison.Ordinal);
        Assert.Contains("Use --embeddings gpt2", warning, StringComparison.Ordinal);
        Assert.Contains("which measures 1.70 pieces per target word", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyDroppedPiecesAreAWarningWithATargetLengthThatKeepsThem()
    {
        TrainSettings settings = TrainSettings.Quickstart with { MeasuredLayout = "free" };

        string warning = Assert.Single(RecipeFit.Warnings(settings, Report(0.1, freeDropped: 30), null));

        Assert.StartsWith("30.0 % of the training pieces are dropped because their target does not fit --target-length 40", warning, StringComparison.Ordinal);
        Assert.Contains("--target-length 64 keeps 98.0 % of them", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingOnATranslationEditsAFullDraftAndWarnsAboutTheEnglishVocabulary()
    {
        (int code, string log, string output) = TrainOneStep("spa", 16, "spa", "40");

        Assert.True(code == 0, log);
        string flat = Flat(log); // the console wraps long lines
        Assert.Contains("layout: aligned — ", log);
        Assert.Contains("not a near-copy, so the model edits the lookup's word-for-word draft", flat);
        Assert.Contains("warning: the MiniLM vocabulary (uncased English WordPiece) does not fit the target language", flat);
        Assert.Contains("Use --embeddings gpt2", flat);
        string json = File.ReadAllText(Path.Combine(output, "pipeline.json"));
        Assert.Contains("\"alignedSlotsPerSourceToken\": 2", json);
        Assert.Contains("\"sourceDraft\": \"word-lookup-in-context\"", json);
        Assert.DoesNotContain("sourceDraftShare", json); // 0, the default, is not written
        Assert.True(log.IndexOf("layout: aligned", StringComparison.Ordinal) < log.IndexOf("Trained 1 steps", StringComparison.Ordinal), log);
    }

    [Fact]
    public void TrainingOnATranslationWithoutADraftTakesTheFreeLayout()
    {
        (int code, string log, string output) = TrainOneStep("spa", 16, "spa-free", "40", "--draft", "none");

        Assert.True(code == 0, log);
        Assert.Contains("layout: free — ", log);
        Assert.Contains("\"alignedSlotsPerSourceToken\": 0", File.ReadAllText(Path.Combine(output, "pipeline.json")));
    }

    [Fact]
    public void TrainingOnTheNearCopyTaskStillChoosesTheAlignedLayoutWithoutWarnings()
    {
        (int code, string log, string output) = TrainOneStep("web", 16, "web", "24");

        Assert.True(code == 0, log);
        Assert.Contains("layout: aligned — ", log);
        Assert.DoesNotContain("warning", log, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"alignedSlotsPerSourceToken\": 2", File.ReadAllText(Path.Combine(output, "pipeline.json")));
    }

    [Fact]
    public void Gpt2EmbeddingsTrainOnTheCorpusAndTheModelGeneratesAfterLoading()
    {
        (int code, string log, string output) = TrainOneStep("spa", 40, "gpt2", "40", "--embeddings", "gpt2");
        Assert.True(code == 0, log);
        Assert.Contains("GPT-2 byte-level BPE (--embeddings gpt2)", log);
        Assert.DoesNotContain("Use --embeddings gpt2", Flat(log));
        Assert.Contains("\"tokenizer\": \"gpt2\"", File.ReadAllText(Path.Combine(output, "pipeline.json")));

        (code, log) = CliRun.Invoke("generate", "--model", output, "--text", "Jesus wept.", "--steps", "2", "--device", "cpu");
        Assert.True(code == 0, log);

        (code, log) = CliRun.Invoke("info", "--model", output);
        Assert.True(code == 0, log);
        Assert.Contains("tokenizer gpt2 (byte-level BPE, cased, no [CLS]/[SEP])", Flat(log));
    }

    [Fact]
    public void FitMeasuresEveryVocabularyWithoutTrainingAndRejectsAnUnknownOne()
    {
        (int code, string log) = CliRun.Invoke("fit", "--source", "kjv", "--target", "spa", "--max-pairs", "40");
        Assert.True(code == 0, log);
        Assert.Contains("│ minilm", log);
        Assert.Contains("│ gpt2", log);
        Assert.Contains("free", log);

        (code, log) = CliRun.Invoke("fit", "--embeddings", "bert");
        Assert.Equal(2, code);
        Assert.Contains("--embeddings: unknown value 'bert'", log);
    }

    /// <summary>The text with every run of white space (including the console's line wraps) made one space.</summary>
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    /// <summary>The first <paramref name="count"/> KJV → <paramref name="target"/> validation verses as a TSV file with columns kjv and the target.</summary>
    private string Pairs(string target, int count)
    {
        string data = Path.Combine(root, $"kjv-{target}.tsv");
        var pairs = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", target).Take(count).ToList();
        File.WriteAllLines(data, [$"kjv\t{target}", .. pairs.Select(p => $"{p.Source}\t{p.Target}")]);
        return data;
    }
}
