using System.Globalization;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Checks <see cref="SmoothieOptions"/> at start-up and reports every problem with what to change.</summary>
public sealed class SmoothieOptionsValidator : IValidateOptions<SmoothieOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmoothieOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PipelinePath is { } path)
        {
            AddPipelineFolderFailures(failures, path);
        }
        else if (options.AllowUntrainedPipeline || options.HasPipelineFactory)
        {
            AddBuiltInModelFailures(failures, options);
        }
        else
        {
            failures.Add(MissingPipelinePath);
        }

        AddGenerationFailures(failures, options);
        AddServingFailures(failures, options);
        if (!string.IsNullOrEmpty(name))
        {
            // A named model (AddSmoothie(name, ...)): say which one.
            failures = failures.Select(f => $"Smoothie model '{name}': {f}").ToList();
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The failure when there is neither a pipeline folder nor an explicit opt-in to an untrained pipeline.</summary>
    internal const string MissingPipelinePath =
        "Smoothie:PipelinePath is not set; point it at a pipeline folder written by 'smoothie train' or SmoothiePipeline.Save " +
        "(configuration key Smoothie:PipelinePath, environment variable Smoothie__PipelinePath; check the section name), " +
        "or set Smoothie:AllowUntrainedPipeline = true to serve an untrained pipeline, whose outputs are noise.";

    /// <summary>Smoothie:PipelinePath: the folder, its pipeline.json and the presence of its weights.</summary>
    private static void AddPipelineFolderFailures(List<string> failures, string path)
    {
        if (!Directory.Exists(path))
        {
            failures.Add($"Smoothie:PipelinePath '{path}' does not exist; point it at a folder written by 'smoothie train' or SmoothiePipeline.Save.");
        }
        else if (!File.Exists(Path.Combine(path, PipelineFolder.ConfigurationFile)))
        {
            failures.Add($"Smoothie:PipelinePath '{path}' has no {PipelineFolder.ConfigurationFile}; it is not a Smoothie pipeline folder.");
        }
        else
        {
            // pipeline.json and the presence of the weights are checked here, at start-up; the weights themselves
            // (and the embeddings) are read, and checked, when the pipeline loads on the first request.
            try
            {
                PipelineFolder.ReadConfiguration(path);
            }
            catch (InvalidDataException e)
            {
                failures.Add($"Smoothie:PipelinePath: {e.Message}");
            }

            if (!File.Exists(Path.Combine(path, PipelineFolder.WeightsFile)))
            {
                failures.Add($"Smoothie:PipelinePath '{path}' has no {PipelineFolder.WeightsFile}; the folder was not fully written (point it at a folder written by 'smoothie train' or SmoothiePipeline.Save).");
            }
        }
    }

    /// <summary>Without a pipeline folder (an untrained pipeline allowed, or one supplied by UsePipeline): the preset, the distance space's Arctan schedule and the embeddings.</summary>
    private static void AddBuiltInModelFailures(List<string> failures, SmoothieOptions options)
    {
        if (!ModelPresets.Names.Contains(options.Preset?.Trim().ToLowerInvariant()))
        {
            failures.Add($"Smoothie:Preset '{options.Preset}' is unknown; expected one of {string.Join(", ", ModelPresets.Names)}.");
        }

        if (options.Latent == LatentSpaceKind.Distance)
        {
            // The ranges are the Arctan parameters' (their one owner); the messages name the option.
            failures.AddRange(options.ArctanSchedule().Problems().Select(p => p.Parameter switch
            {
                "sigmaMin" or "sigmaMax" => $"Smoothie:{char.ToUpperInvariant(p.Parameter[0])}{p.Parameter[1..]} ({p.Value.ToString(CultureInfo.InvariantCulture)}) {p.Requirement.Replace("sigmaMin", "Smoothie:SigmaMin", StringComparison.Ordinal)}.",
                _ => $"Smoothie: the Arctan schedule's {p}.",
            }));
        }

        if (string.IsNullOrWhiteSpace(options.Embeddings))
        {
            failures.Add("Smoothie:Embeddings is missing; set it to 'minilm' (built in) or give Smoothie:PipelinePath.");
        }
        else if (!string.Equals(options.Embeddings, "minilm", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Smoothie:Embeddings '{options.Embeddings}' is not available; use 'minilm' or a trained pipeline folder (Smoothie:PipelinePath) that carries its embeddings.");
        }
    }

    /// <summary>The generation and batching settings: steps, solver, batch size and window.</summary>
    private static void AddGenerationFailures(List<string> failures, SmoothieOptions options)
    {
        if (options.Steps is < 1)
        {
            failures.Add($"Smoothie:Steps must be ≥ 1 (got {options.Steps}).");
        }

        if (!Sampling.Solvers.ReverseSteps.IsKnown(options.Solver))
        {
            failures.Add($"Smoothie:Solver '{options.Solver}' is unknown; expected one of {string.Join(", ", Sampling.Solvers.ReverseSteps.Names)}.");
        }

        if (options.MaxBatchSize < 1)
        {
            failures.Add($"Smoothie:MaxBatchSize must be ≥ 1 (got {options.MaxBatchSize}).");
        }

        if (options.BatchWindow < TimeSpan.Zero)
        {
            failures.Add($"Smoothie:BatchWindow must not be negative (got {options.BatchWindow}).");
        }
    }

    /// <summary>The serving limits: the queue bound and the streams at once.</summary>
    private static void AddServingFailures(List<string> failures, SmoothieOptions options)
    {
        if (options.MaxQueueLength < 1)
        {
            failures.Add($"Smoothie:MaxQueueLength must be ≥ 1 (got {options.MaxQueueLength}).");
        }

        if (options.MaxConcurrentStreams < 1)
        {
            failures.Add($"Smoothie:MaxConcurrentStreams must be ≥ 1 (got {options.MaxConcurrentStreams}).");
        }
    }
}
