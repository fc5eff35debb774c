using Smoothie.Data;

namespace Smoothie.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-cli").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void EvaluatePrintsTheCopyBaselineOfTheBundledTestSplit()
    {
        IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web");
        string hyp = Path.Combine(root, "kjv.txt"), reference = Path.Combine(root, "web.txt");
        File.WriteAllLines(hyp, test.Select(p => p.Source));
        File.WriteAllLines(reference, test.Select(p => p.Target));
        (int code, string output) = CliRun.Invoke("evaluate", "--hyp", hyp, "--ref", reference, "--metrics", "bleu", "--json");
        Assert.Equal(0, code);
        var scores = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(output)!;
        Assert.Equal(43.1, Math.Round(scores["bleu"], 1));
        Assert.Equal(44.7, Math.Round(scores["bleu-lowercase"], 1));

        (code, output) = CliRun.Invoke("evaluate", "--hyp", hyp, "--ref", reference, "--metrics", "bleu");
        Assert.Equal(0, code);
        Assert.Contains("43.10", output);
    }

    [Fact]
    public void UnknownLatentValueNamesTheOptionAndTheAcceptedValues()
    {
        (int code, string output) = CliRun.Invoke("train", "--latent", "gaussian");
        Assert.Equal(2, code);
        Assert.Contains("--latent", output);
        Assert.Contains("distance", output);
    }

    [Fact]
    public void TrainRejectsAGuardKeepShareOutsideZeroToOne()
    {
        (int code, string output) = CliRun.Invoke("train", "--guard-keep-share", "1.5", "--max-steps", "1", "--out", Path.Combine(root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("--guard-keep-share must lie in [0, 1]; got 1.5", output);
        Assert.False(Directory.Exists(Path.Combine(root, "out")));
    }

    [Fact]
    public void MissingDataFileIsAClearError()
    {
        (int code, string output) = CliRun.Invoke("train", "--data", Path.Combine(root, "nope.tsv"), "--max-steps", "1", "--out", Path.Combine(root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("nope.tsv", output);
    }

    [Fact]
    public void MissingColumnListsTheAvailableOnes()
    {
        string data = Path.Combine(root, "pairs.tsv");
        File.WriteAllLines(data, ["old\tnew", "thou art\tyou are"]);
        (int code, string output) = CliRun.Invoke("train", "--data", data, "--source", "kjv", "--target", "new", "--max-steps", "1", "--out", Path.Combine(root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("kjv", output);
        Assert.Contains("old", output);
    }

    [Fact]
    public void UnknownMetricIsRejectedWithTheAcceptedValues()
    {
        string file = Path.Combine(root, "a.txt");
        File.WriteAllLines(file, ["x"]);
        (int code, string output) = CliRun.Invoke("evaluate", "--hyp", file, "--ref", file, "--metrics", "bleu,meteor");
        Assert.Equal(2, code);
        Assert.Contains("meteor", output);
        Assert.Contains("bleu, rouge, sari, dist, bertscore", output);
    }

    [Fact]
    public void GenerateRejectsAnEmptyText()
    {
        (int code, string output) = CliRun.Invoke("generate", "--model", root, "--text", "  ");
        Assert.Equal(2, code);
        Assert.Contains("--text", output);
        Assert.Contains("empty", output);
    }

    [Fact]
    public void EvaluateScoresArchaicWordsAgainstTheSources()
    {
        string sources = Path.Combine(root, "src.txt"), outputs = Path.Combine(root, "hyp.txt");
        File.WriteAllLines(sources, ["Thou art he that saith unto me.", "Jesus wept."]);
        File.WriteAllLines(outputs, ["You are he who says to me.", "Jesus wept."]);
        (int code, string output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", outputs, "--src", sources, "--metrics", "archaic", "--json");
        Assert.Equal(0, code);
        Assert.Contains("\"archaic-rewritten-%\": 100", output);
        (code, output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", outputs, "--metrics", "archaic");
        Assert.Equal(2, code);
        Assert.Contains("--src", output);
    }

    [Fact]
    public void EvaluateScoresTheReaderMetricsAndTheBaselinesLearnedFromTheTrainingPairs()
    {
        string trainSrc = Path.Combine(root, "train.kjv"), trainRef = Path.Combine(root, "train.web");
        string sources = Path.Combine(root, "test.kjv"), references = Path.Combine(root, "test.web"), outputs = Path.Combine(root, "hyp.txt");
        File.WriteAllLines(trainSrc, ["And thou art here.", "For thou art good.", "Thou knowest it."]);
        File.WriteAllLines(trainRef, ["You are here.", "For you are good.", "You know it."]);
        File.WriteAllLines(sources, ["And thou art good."]);
        File.WriteAllLines(references, ["You are good."]);
        File.WriteAllLines(outputs, ["You are good."]);
        (int code, string output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", references, "--src", sources, "--train-src", trainSrc, "--train-ref", trainRef, "--metrics", "bleu,reader", "--json");
        Assert.True(code == 0, output);
        var scores = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(output)!;
        Assert.Equal(100, scores["kept-%"]);
        Assert.Equal(0, scores["invented-%"]);
        Assert.Equal(100, scores["edit-f05-%"]);
        Assert.Equal(0, scores["copy-source:edit-f05-%"]);
        Assert.Equal(100, scores["word-lookup:bleu"], 3);
        Assert.Equal(1, scores["vs-lookup:p"]);

        (code, output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", references, "--src", sources, "--train-src", trainSrc, "--train-ref", trainRef, "--metrics", "bleu,reader");
        Assert.True(code == 0, output);
        Assert.Contains("word lookup", output);
        Assert.Contains("hypotheses vs lookup: ΔBLEU 0.0", output);

        (code, output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", references, "--src", sources, "--metrics", "reader");
        Assert.Equal(2, code);
        Assert.Contains("--train-ref", output);
    }

    [Fact]
    public void EvaluateComparesTheHypothesesWithAnotherSystemsOutputs()
    {
        string references = Path.Combine(root, "cmp.web"), outputs = Path.Combine(root, "cmp-hyp.txt"), other = Path.Combine(root, "other.txt"), short1 = Path.Combine(root, "short.txt");
        string[] refs = Enumerable.Range(0, 20).Select(i => $"You are good and kind number {i} today.").ToArray();
        File.WriteAllLines(references, refs);
        File.WriteAllLines(outputs, refs);
        File.WriteAllLines(other, refs.Select(r => r.Replace("good", "bad", StringComparison.Ordinal)));
        File.WriteAllLines(short1, refs.Take(3));
        (int code, string output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", references, "--metrics", "bleu", "--compare", other, "--json");
        Assert.True(code == 0, output);
        var scores = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, double>>(output)!;
        Assert.Equal(100, scores["bleu"], 3);
        Assert.True(scores["other.txt:bleu"] < 100);
        Assert.True(scores["vs-other.txt:delta-bleu"] > 0);
        Assert.True(scores["vs-other.txt:p"] < 0.05);

        (code, output) = CliRun.Invoke("evaluate", "--hyp", outputs, "--ref", references, "--compare", short1);
        Assert.Equal(2, code);
        Assert.Contains("--compare", output);
        Assert.Contains("3 lines", output);
    }

    [Fact]
    public void GenerateNeedsExactlyOneInput()
    {
        (int code, string output) = CliRun.Invoke("generate", "--model", root);
        Assert.Equal(2, code);
        Assert.Contains("--input", output);
    }

    [Fact]
    public void TrainGenerateAndInfoWorkEndToEndOnATinyRun()
    {
        string data = BibleValidationPairs(40);
        string output = Path.Combine(root, "model");
        (int code, string log) = CliRun.Invoke("train", "--data", data, "--max-steps", "2", "--batch-size", "4", "--out", output, "--device", "cpu", "--source-length", "32", "--target-length", "32");
        Assert.True(code == 0, log);
        Assert.Contains("Trained 2 steps", log);

        (code, log) = CliRun.Invoke("generate", "--model", output, "--text", "Jesus wept.", "--steps", "3", "--device", "cpu");
        Assert.True(code == 0, log);

        (code, log) = CliRun.Invoke("info", "--model", output);
        Assert.True(code == 0, log);
        Assert.Contains("TorchSharp", log);
        Assert.Contains("\"latent\": \"distance\"", log);
    }

    [Fact]
    public void VocabularyFullTrainsOverTheWholeVocabularyAndUnknownValuesAreRejected()
    {
        string data = BibleValidationPairs(16);
        string output = Path.Combine(root, "full");
        (int code, string log) = CliRun.Invoke(OneTinyTrainingStep(data, output, "--vocabulary", "full"));
        Assert.True(code == 0, log);
        Assert.Contains("V = 30,522 (full vocabulary)", log);
        Assert.False(File.Exists(Path.Combine(output, "subvocabulary.json")));

        (code, log) = CliRun.Invoke("train", "--data", data, "--max-steps", "1", "--vocabulary", "all", "--out", Path.Combine(root, "bad"));
        Assert.NotEqual(0, code);
        Assert.Contains("--vocabulary", log);
        Assert.Contains("corpus", log);
    }

    [Fact]
    public void DistanceSettingsDefaultToScaledPaperIsANamedPresetAndSingleValuesOverrideThem()
    {
        string data = BibleValidationPairs(16);
        string output = Path.Combine(root, "scaled");
        (int code, string log) = CliRun.Invoke(OneTinyTrainingStep(data, output, "--schedule-params", "d=11"));
        Assert.True(code == 0, log);
        string json = File.ReadAllText(Path.Combine(output, "pipeline.json"));
        Assert.Contains("\"sigmaMin\": 1.06", json);
        Assert.Contains("\"sigmaMax\": 141.4", json);
        Assert.Contains("\"d\": 11", json);
        Assert.Contains("\"distanceSettings\": \"scaled: sigmaMin 1.06, sigmaMax 141.4, d 11, delta 1 (the CLI recipe's default is 'scaled'", json.Replace("\\u0027", "'", StringComparison.Ordinal));

        string paper = Path.Combine(root, "paper");
        (code, log) = CliRun.Invoke(OneTinyTrainingStep(data, paper, "--distance-settings", "paper"));
        Assert.True(code == 0, log);
        json = File.ReadAllText(Path.Combine(paper, "pipeline.json"));
        Assert.Contains("\"sigmaMin\": 1.5", json);
        Assert.Contains("\"sigmaMax\": 200", json);

        (code, log) = CliRun.Invoke("train", "--data", data, "--max-steps", "1", "--distance-settings", "bert", "--out", Path.Combine(root, "bad"));
        Assert.NotEqual(0, code);
        Assert.Contains("--distance-settings", log);
    }

    [Fact]
    public void AScheduleSigmaMinIsRejectedBecauseTheDistanceSpaceOwnsIt()
    {
        string output = Path.Combine(root, "out");
        (int code, string log) = CliRun.Invoke("train", "--schedule-params", "sigmaMin=2", "--max-steps", "1", "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("--schedule-params sigmaMin=2: σ_min is the distance space's", log);
        Assert.Contains("set it with --sigma-min 2", log);
        Assert.False(File.Exists(Path.Combine(output, "pipeline.json")));

        (code, log) = CliRun.Invoke("train", "--sigma-min", "0", "--max-steps", "1", "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("sigmaMin = 0 (--sigma-min) must be a positive finite number.", log);

        (code, log) = CliRun.Invoke("train", "--sigma-min", "150", "--max-steps", "1", "--out", output);
        Assert.Equal(2, code);
        Assert.Contains("sigmaMax = 141.4 (--distance-settings scaled) must exceed sigmaMin (150) (--sigma-min).", log);
    }

    [Fact]
    public void InfoPrintsEveryEffectiveSettingOfAPipeline()
    {
        (int code, string output) = CliRun.Invoke("info", "--model", ShippedModel());
        Assert.True(code == 0, output);
        Assert.Matches(@"σ_min\W+1\.06", output);
        Assert.Matches(@"schedule\W+arctan", output);
        Assert.Contains("d 9, delta 1, sigmaMin 1.06, sigmaMax 141.4", output);
        Assert.Contains("source 40, target 80", output);
        Assert.Contains("source-aligned, 2 target slots per source token", output);
        Assert.Matches(@"copy head\W+on", output);
        Assert.Contains("10 steps, renoise, clamped, δ 0.5", output);
        Assert.Contains("\"sigmaMin\": 1.06", output);
    }

    [Fact]
    public void MalformedScheduleParametersNameTheOptionAndTheExpectedForm()
    {
        (int code, string output) = CliRun.Invoke("train", "--schedule-params", "d=nine", "--max-steps", "1", "--out", Path.Combine(root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("--schedule-params", output);
        Assert.Contains("d=nine", output);
    }

    [Fact]
    public void UnknownScheduleParameterIsRejectedBeforeTraining()
    {
        (int code, string output) = CliRun.Invoke("train", "--schedule-params", "gamma=2", "--max-steps", "1", "--out", Path.Combine(root, "out"));
        Assert.Equal(2, code);
        Assert.Contains("gamma", output);
        Assert.False(File.Exists(Path.Combine(root, "out", "pipeline.json")));
    }

    [Fact]
    public void AblateScoresEveryModelUnderEverySamplingSettingAndReusesFinishedRuns()
    {
        string output = Path.Combine(root, "ablate");
        string[] args =
        [
            "ablate", "--latents", "distance", "--seeds", "1,2", "--max-steps", "2", "--batch-size", "4", "--test-rows", "3", "--eval-steps", "2,3", "--solvers", "renoise,ddim",
            "--max-train-rows", "64", "--out", output, "--device", "cpu", "--sigma-min", "2", "--schedule-params", "sigmaMax=100", "--time-sampling", "loss-weighted", "--ema-rate", "0.99",
        ];
        (int code, string log) = CliRun.Invoke(args);
        Assert.True(code == 0, log);
        string table = File.ReadAllText(Path.Combine(output, "results.md"));
        foreach (string row in new[] { "distance · renoise × 2", "distance · renoise × 3", "distance · ddim × 2", "distance · ddim × 3" })
        {
            Assert.Contains($"| {row} | 2 |", table);
        }

        Assert.Contains("| word lookup |", table);
        Assert.Contains("| kept % | invented % | clean rows % | edit F0.5 |", table);
        Assert.Contains("model vs lookup: ΔBLEU", table);
        Assert.Contains("σ_min 2", table);
        Assert.Contains("distance settings scaled", table);
        Assert.Contains("sigmaMax = 100", table);
        Assert.Contains("pipeline.json", string.Join(' ', Directory.GetFiles(Path.Combine(output, "distance-seed1")).Select(Path.GetFileName)));

        (code, log) = CliRun.Invoke(args);
        Assert.True(code == 0, log);
        Assert.Contains("reusing the scores", log);
        Assert.DoesNotContain("Trained 2 steps", log);
    }

    [Fact]
    public void GenerateScoresTheShippedModelOnTheBundledTestSplitWithAndWithoutClamping()
    {
        string model = ShippedModel();
        (int code, string log) = CliRun.Invoke("generate", "--model", model, "--bundled-test", "3", "--steps", "3", "--device", "cpu");
        Assert.True(code == 0, log);
        Assert.Contains("copy source", log);
        Assert.Matches(@"model trained \d+ steps", log);
        Assert.Contains("archaic words rewritten", log);
        Assert.Contains("word lookup", log);
        Assert.Contains("kept %", log);
        Assert.Contains("edit F0.5", log);
        Assert.Matches(@"model vs lookup: ΔBLEU [+-]?\d+\.\d \[[+-]?\d+\.\d, [+-]?\d+\.\d\], p = \d\.\d{3}", log);
        Assert.Contains("its draft (lookup in context, share ≥ 0.7)", log); // the shipped model edits the lookup's draft: its draft is scored too
        Assert.Matches(@"model vs its draft: ΔBLEU [+-]?\d+\.\d", log);

        (code, log) = CliRun.Invoke("generate", "--model", model, "--text", "Jesus wept.", "--steps", "3", "--clamp", "--device", "cpu");
        Assert.True(code == 0, log);
        (code, log) = CliRun.Invoke("generate", "--model", model, "--text", "Jesus wept.", "--steps", "3", "--clamp", "false", "--device", "cpu");
        Assert.True(code == 0, log);
    }

    [Fact]
    public void GenerateWarnsOnStandardErrorAboutInputTheModelCannotRepresent()
    {
        string model = ShippedModel();

        // "jesus wept . [UNK] ×6": MiniLM's vocabulary has no token for 你 or 好.
        (int code, string output, string error) = CliRun.InvokeSeparately("generate", "--model", model, "--text", "Jesus wept. 你好你好你好", "--steps", "2", "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("warning: 67 % of the input's tokens are unknown to this model's vocabulary (6 of 9 are [UNK]; the warning threshold is 20 %); the output will not be meaningful.", error);
        Assert.DoesNotContain("warning", output);
        Assert.False(string.IsNullOrWhiteSpace(output));

        // Known letters the English model never learned to write; a KJV verse gets no warning; several inputs are numbered.
        (code, output, error) = CliRun.InvokeSeparately("generate", "--model", model, "--text", "And God said, Let there be light: and there was light.", "--text", "Привет мир", "--steps", "2", "--device", "cpu");
        Assert.True(code == 0, output + error);
        Assert.Contains("warning: input 2: 100 % of the input's tokens are words this model never learned to write (", error);
        Assert.DoesNotContain("input 1", error);
    }

    [Fact]
    public void StrengthStartsGenerationFromTheSourceAndOutOfRangeValuesNameTheOption()
    {
        string model = ShippedModel();
        (int code, string log) = CliRun.Invoke("generate", "--model", model, "--bundled-test", "2", "--steps", "3", "--strength", "0.3", "--device", "cpu");
        Assert.True(code == 0, log);
        Assert.Contains("from the source noised to t = 0.3", log);

        (code, log) = CliRun.Invoke("generate", "--model", model, "--text", "Jesus wept.", "--strength", "0", "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Contains("--strength must lie in (0, 1]", log);
    }

    [Fact]
    public void InputSkipIsSavedWithTheModelAndRejectedForTheSimplexSpace()
    {
        string data = BibleValidationPairs(16);
        string output = Path.Combine(root, "skip");
        (int code, string log) = CliRun.Invoke(OneTinyTrainingStep(data, output, "--input-skip"));
        Assert.True(code == 0, log);
        Assert.Contains("\"inputSkip\": true", File.ReadAllText(Path.Combine(output, "pipeline.json")));

        (code, log) = CliRun.Invoke(OneTinyTrainingStep(data, Path.Combine(root, "skip-simplex"), "--input-skip", "--latent", "simplex"));
        Assert.NotEqual(0, code);
        Assert.Contains("InputSkip", log);
    }

    [Fact]
    public void TheCopyHeadIsOnByDefaultForTheDistanceSpaceOffWhenAskedAndNeverOnTheSimplex()
    {
        string data = BibleValidationPairs(16);
        foreach ((string folder, string[] extra, bool expected) in new[]
        {
            ("copy-default", Array.Empty<string>(), true),
            ("copy-off", new[] { "--copy-head", "false" }, false),
            ("copy-simplex", new[] { "--latent", "simplex" }, false),
        })
        {
            string output = Path.Combine(root, folder);
            (int code, string log) = CliRun.Invoke(OneTinyTrainingStep(data, output, extra));
            Assert.True(code == 0, log);
            Assert.Contains($"\"copyHead\": {(expected ? "true" : "false")}", File.ReadAllText(Path.Combine(output, "pipeline.json")));
        }
    }

    [Fact]
    public void DropoutIsThePresetsUnlessSetAndThenAppliesToHiddenStatesAndAttention()
    {
        string data = BibleValidationPairs(16);
        foreach ((string folder, string[] extra, string expected) in new[]
        {
            ("dropout-default", Array.Empty<string>(), "0.1"),
            ("dropout-off", new[] { "--dropout", "0" }, "0"),
        })
        {
            string output = Path.Combine(root, folder);
            (int code, string log) = CliRun.Invoke(OneTinyTrainingStep(data, output, extra));
            Assert.True(code == 0, log);
            string json = File.ReadAllText(Path.Combine(output, "pipeline.json"));
            Assert.Contains($"\"dropout\": {expected},", json);
            Assert.Contains($"\"attentionDropout\": {expected},", json);
        }
    }

    /// <summary><c>train</c> for one step of batch 2 on the CPU with 24-token sources and targets, plus <paramref name="extra"/>.</summary>
    private static string[] OneTinyTrainingStep(string data, string output, params string[] extra) =>
        ["train", "--data", data, "--max-steps", "1", "--batch-size", "2", "--out", output, "--device", "cpu", "--source-length", "24", "--target-length", "24", .. extra];

    /// <summary>The first <paramref name="count"/> KJV → WEB validation verses as a TSV file in the test folder.</summary>
    private string BibleValidationPairs(int count)
    {
        string data = Path.Combine(root, "pairs.tsv");
        var pairs = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(count).ToList();
        File.WriteAllLines(data, ["kjv\tweb", .. pairs.Select(p => $"{p.Source}\t{p.Target}")]);
        return data;
    }

    private static string ShippedModel()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Smoothie.Diffusion.sln")))
            {
                return Path.Combine(dir.FullName, "models", "kjv-web-tiny");
            }
        }

        throw new DirectoryNotFoundException("The repository root (Smoothie.Diffusion.sln) was not found above the test's output folder.");
    }
}
