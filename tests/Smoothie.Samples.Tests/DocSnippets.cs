using Microsoft.Extensions.DependencyInjection;
using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Devices;
using Smoothie.Runtime;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Schedulers.Schedules;
using Smoothie.Text;
using Smoothie.Text.Fit;
using Smoothie.Training.Trainer;
using TorchSharp;

namespace Smoothie.Samples.Tests;

/// <summary>
/// The code snippets of docs/*.md that are not taken from a sample. Each method body is quoted verbatim in the docs
/// (DocSnippetsTests checks that every C# block of the docs occurs in a sample or here) and run by DocSnippetsTests.
/// </summary>
internal static class DocSnippets
{
    // docs/getting-started.md, docs/api-overview.md: a console app with dependency injection.
    public static async Task<string> ConsoleAppWithDependencyInjection(string pipelineFolder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSmoothie(options =>
        {
            options.PipelinePath = pipelineFolder; // a folder written by SmoothiePipeline.Save or 'smoothie train'
            options.Steps = 4;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        ISmoothieGenerator generator = provider.GetRequiredService<ISmoothieGenerator>();
        string rewrite = await generator.GenerateAsync("Jesus wept.");
        Console.WriteLine(rewrite);
        return rewrite;
    }

    // docs/training.md: does the recipe fit the data?
    public static (bool Aligned, IReadOnlyList<string> Problems) MeasureFit(IReadOnlyList<Seq2SeqPair> train)
    {
        ITextCodec codec = MiniLmEmbeddings.CreateCodec();               // or Gpt2TextCodec.Create()
        DataFitReport fit = DataFit.Measure(codec, train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList(),
            new DataFitOptions { SourceLength = 40, TargetLength = 40 });
        bool aligned = fit.SuitsAlignedLayout;                             // AlignedShare ≥ DataFitReport.AlignedLayoutMinimumShare
        IReadOnlyList<string> problems = fit.VocabularyProblems();          // empty when fit.VocabularyFits
        return (aligned, problems);
    }

    // docs/serving.md: two models in one host, each a keyed service with options of its own.
    public static async Task<(string Modern, string Fast)> TwoNamedModels(string pipelineFolder)
    {
        var services = new ServiceCollection();
        services.AddSmoothie("modern", options => options.PipelinePath = pipelineFolder);
        services.AddSmoothie("fast", options =>
        {
            options.PipelinePath = pipelineFolder;
            options.Steps = 2;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        ISmoothieGenerator modern = provider.GetRequiredKeyedService<ISmoothieGenerator>("modern");
        ISmoothieGenerator fast = provider.GetRequiredKeyedService<ISmoothieGenerator>("fast");
        return (await modern.GenerateAsync("Jesus wept."), await fast.GenerateAsync("Jesus wept."));
    }

    // docs/api-overview.md, docs/gpu.md: load a pipeline folder and generate.
    public static IReadOnlyList<string> LoadAndGenerate(string pipelineFolder)
    {
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(pipelineFolder, DeviceKind.Auto); // CUDA when available, else CPU
        Console.WriteLine($"Running on {pipeline.Device.type}");
        IReadOnlyList<string> outputs = pipeline.Generate(["Jesus wept.", "God is love."], new GenerationOptions { Steps = 4, Seed = 1 });
        return outputs;
    }

    // docs/serving.md: what the model could represent of each input.
    public static IReadOnlyList<GenerationResult> GenerateWithCoverage(SmoothiePipeline pipeline)
    {
        IReadOnlyList<GenerationResult> results = pipeline.GenerateWithCoverage(["Jesus wept.", "Jesus wept. 你好"]);
        foreach (GenerationResult result in results)
        {
            Console.WriteLine($"{result.Text} (unknown tokens: {result.UnknownTokenShare:P0})");
        }

        return results;
    }

    // docs/api-overview.md: stream the text as it is denoised.
    public static async Task<List<GenerationUpdate>> Stream(SmoothiePipeline pipeline)
    {
        var updates = new List<GenerationUpdate>();
        await foreach (GenerationUpdate update in pipeline.GenerateAsync("Jesus wept.", new GenerationOptions { Steps = 4 }, every: 1))
        {
            Console.WriteLine($"step {update.Step}/{update.TotalSteps} (t = {update.Time:0.00}): {update.Text}");
            updates.Add(update);
        }

        return updates;
    }

    // docs/concepts.md: the three latent spaces and the five schedules, one line each.
    public static SmoothieBuilder[] SpacesAndSchedules() =>
    [
        SmoothieBuilder.Create().UseDistanceSpace(sigmaMin: 1.5).UseArctanSchedule(d: 9, delta: 1.0, sigmaMax: 200), // Smoothie
        SmoothieBuilder.Create().UseEmbeddingSpace().UseCosineSdSchedule(d: 9),                                   // Gaussian embedding diffusion
        SmoothieBuilder.Create().UseSimplexSpace(k: 5).UseTessSchedule(),                                         // TESS simplex diffusion
        SmoothieBuilder.Create().UseEmbeddingSpace().UseSqrtSchedule(),
        SmoothieBuilder.Create().UseEmbeddingSpace().UseCosineSchedule(beta0: 0.1, beta1: 20),
    ];

    // docs/concepts.md: a schedule on its own.
    public static (double Mu, double Std) ArctanAtHalf()
    {
        INoiseSchedule arctan = new ArctanSchedule(new ArctanParameters { D = 9, Delta = 1.0, SigmaMin = 1.5, SigmaMax = 200 }); // = ArctanParameters.Paper
        double mu = arctan.Mu(0.5), std = arctan.Std(0.5); // x_t = mu·x0 + std·ε
        return (mu, std);
    }

    // docs/concepts.md: an invalid combination is rejected at Build().
    public static string InvalidCombination()
    {
        try
        {
            using SmoothiePipeline pipeline = SmoothieBuilder.Create().UseEmbeddingSpace().UseArctanSchedule().Build();
            return "built";
        }
        catch (ArgumentException e)
        {
            return e.Message; // "... with the embedding space use UseCosineSdSchedule() (or call UseDistanceSpace())."
        }
    }

    // docs/training.md: CPU-sized training options.
    public static TrainingOptions CpuTrainingOptions() => new()
    {
        BatchSize = 32,
        LearningRate = 1e-3,
        WarmupSteps = 500,
        MaxSteps = 20_000,
        MaxDuration = TimeSpan.FromHours(2),
        EvaluateEvery = 500,
        CheckpointEvery = 500,
        KeepBestCheckpoints = 1,
    };

    // docs/training.md: progress, cancellation and resuming.
    public static TrainingRunResult TrainWithProgress(SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> train, IReadOnlyList<Seq2SeqPair> validation, TrainingOptions options, string outputFolder)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); }; // Ctrl+C: stop, save a checkpoint and the pipeline
        var progress = new Progress<TrainingProgress>(p => Console.WriteLine($"step {p.Step}: loss {p.Loss:0.000}, {p.StepsPerSecond:0.0} steps/s"));
        TrainingRunResult run = pipeline.Train(train, validation, options, outputFolder, progress, logger: null, cancel.Token);
        Console.WriteLine($"{run.Steps} steps, last validation loss {run.LastValidationLoss}");
        return run;
    }

    // docs/training.md, docs/api-overview.md: score held-out verses against the copy-the-source baseline.
    public static EvaluationReport Evaluate(SmoothiePipeline pipeline)
    {
        IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web").Take(20).ToList();
        EvaluationReport report = pipeline.Evaluate(test, new GenerationOptions { Steps = 10 });
        Console.WriteLine($"BLEU {report.Bleu:0.0} (copying the source: {report.CopyBleu:0.0}), ROUGE-L {report.RougeL:0.000}, SARI {report.Sari:0.0}");
        return report;
    }

    // docs/gpu.md: what runs where.
    public static (bool Cuda, torch.ScalarType Dtype) DeviceFacts()
    {
        bool cuda = torch.cuda.is_available();
        torch.Device device = DeviceSelection.Resolve(DeviceKind.Auto);
        torch.ScalarType dtype = ComputePrecision.ComputeDtype(device, preferBFloat16: true); // BFloat16 on CUDA, Float32 on the CPU
        return (cuda, dtype);
    }

    // docs/troubleshooting.md: turn a native loading failure into an actionable message.
    public static int CheckTorchSharp()
    {
        try
        {
            TorchSharpRuntime.EnsureLoaded();
        }
        catch (TorchSharpLoadException e)
        {
            Console.Error.WriteLine(e.Message); // says why (e.g. GLIBCXX_3.4.32) and how to fix it
            Console.Error.WriteLine(TorchSharpRuntime.Diagnose(AppContext.BaseDirectory));
            return 1;
        }

        return 0;
    }
}
