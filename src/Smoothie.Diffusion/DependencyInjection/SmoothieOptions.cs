using Smoothie.Diffusion.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Settings of the Smoothie generator registered by <c>services.AddSmoothie(...)</c> (configuration section
/// <c>"Smoothie"</c>). Load a trained pipeline folder (<see cref="PipelinePath"/>, required), or opt in explicitly with
/// <see cref="AllowUntrainedPipeline"/> to a new, untrained pipeline described by <see cref="Preset"/>, <see cref="Latent"/>,
/// σ values and <see cref="Embeddings"/>. Validated at start-up; each problem gets its own message.
/// </summary>
public sealed class SmoothieOptions
{
    /// <summary>The configuration section name used by convention (<c>"Smoothie"</c>).</summary>
    public const string SectionName = "Smoothie";

    /// <summary>
    /// A pipeline folder written by <c>SmoothiePipeline.Save</c> or <c>smoothie train</c>. Required: without it start-up
    /// fails (a misspelt section or a missing environment variable must not serve noise), unless
    /// <see cref="AllowUntrainedPipeline"/> is set or the pipeline is supplied with <c>UsePipeline</c>.
    /// </summary>
    public string? PipelinePath { get; set; }

    /// <summary>
    /// Serve a new, untrained pipeline (<see cref="Preset"/>, <see cref="Latent"/>, σ values) when <see cref="PipelinePath"/>
    /// is not set; default false. Its outputs are noise until it is trained: for experiments and demos only.
    /// </summary>
    public bool AllowUntrainedPipeline { get; set; }

    /// <summary>Device: auto, cpu or cuda.</summary>
    public DeviceKind Device { get; set; } = DeviceKind.Auto;

    /// <summary>Model preset for a new pipeline (tiny, small, small-pretrained, paper).</summary>
    public string Preset { get; set; } = "tiny";

    /// <summary>Latent space for a new pipeline.</summary>
    public LatentSpaceKind Latent { get; set; } = LatentSpaceKind.Distance;

    /// <summary>σ_min for a new distance-space pipeline (default: the paper's, <see cref="ArctanParameters.Paper"/>).</summary>
    public double SigmaMin { get; set; } = ArctanParameters.Paper.SigmaMin;

    /// <summary>σ_max for a new distance-space pipeline (default: the paper's, <see cref="ArctanParameters.Paper"/>).</summary>
    public double SigmaMax { get; set; } = ArctanParameters.Paper.SigmaMax;

    /// <summary>The Arctan schedule these options describe: the paper's d and δ with <see cref="SigmaMin"/> and <see cref="SigmaMax"/>.</summary>
    public ArctanParameters ArctanSchedule() => ArctanParameters.Paper with { SigmaMin = SigmaMin, SigmaMax = SigmaMax };

    /// <summary>Embeddings for a new pipeline: <c>minilm</c> (built in).</summary>
    public string Embeddings { get; set; } = "minilm";

    /// <summary>Sampling steps per request; null (default) = the pipeline's own (<c>pipeline.json</c> samplingSteps).</summary>
    public int? Steps { get; set; }

    /// <summary>Solver: renoise, ddpm, ddim or sde.</summary>
    public string Solver { get; set; } = Sampling.Solvers.ReverseSteps.Renoise;

    /// <summary>Seed of the sampling noise.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Concurrent requests are batched up to this many sequences per model call.</summary>
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>How long the generator waits for more requests to join a batch.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// At most this many requests wait (for a model call, or for a stream place) at once; default 256. A request beyond
    /// it is turned away at once with <see cref="SmoothieQueueFullException"/> instead of waiting without bound.
    /// </summary>
    public int MaxQueueLength { get; set; } = 256;

    /// <summary>
    /// Streams (<see cref="ISmoothieGenerator.StreamAsync"/>) that run at once, each beside the batches of queued requests;
    /// default 2. Further streams wait in the queue.
    /// </summary>
    public int MaxConcurrentStreams { get; set; } = 2;

    /// <summary>
    /// Whether the generator gives the C heap's free memory back to the operating system after every batch and stream
    /// (<c>Smoothie.Runtime.NativeHeap.Trim</c>, glibc only; default true). Keeps a long-running server's resident memory
    /// flat: without it glibc keeps libtorch's freed tensors in per-thread arenas and RSS creeps up. Costs a few
    /// milliseconds per batch.
    /// </summary>
    public bool TrimNativeHeap { get; set; } = true;

    /// <summary>Whether <c>UsePipeline</c> supplies the pipeline (then <see cref="PipelinePath"/> is not required); not bound from configuration.</summary>
    internal bool HasPipelineFactory { get; set; }
}
