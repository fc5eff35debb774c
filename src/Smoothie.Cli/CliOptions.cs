using System.CommandLine;
using Smoothie.Diffusion.Configuration;
using Smoothie.Latent.Spaces;

namespace Smoothie.Cli;

/// <summary>Options shared by several commands, with validation that names the option and the accepted values.</summary>
internal static class CliOptions
{
    public static Option<string> Latent(string defaultValue = LatentSpaceNames.Distance) => new Option<string>("--latent")
    {
        Description = "Latent space: distance (Smoothie), embedding or simplex.",
        DefaultValueFactory = _ => defaultValue,
    }.AcceptOnlyFromAmong([.. LatentSpaceNames.Names]);

    public static Option<string> Preset(string defaultValue = "tiny") => new Option<string>("--preset")
    {
        Description = "Model preset: tiny, small, small-pretrained or paper.",
        DefaultValueFactory = _ => defaultValue,
    }.AcceptOnlyFromAmong("tiny", "small", "small-pretrained", "paper");

    public static Option<string> Device() => new Option<string>("--device")
    {
        Description = "Device: auto (CUDA when available), cpu or cuda.",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong("auto", "cpu", "cuda");

    public static Option<string> Solver() => new Option<string>("--solver")
    {
        Description = "Reverse step: renoise (default), ddpm, ddim or sde.",
        DefaultValueFactory = _ => Smoothie.Sampling.Solvers.ReverseSteps.Renoise,
    }.AcceptOnlyFromAmong([.. Smoothie.Sampling.Solvers.ReverseSteps.Names]);

    public static Option<string> Init(string defaultValue = "scratch") => new Option<string>("--init")
    {
        Description = "Initial weights: scratch, minilm-condition (condition encoder from all-MiniLM-L6-v2) or minilm (condition encoder and denoiser blocks). MiniLM needs --preset small-pretrained.",
        DefaultValueFactory = _ => defaultValue,
    }.AcceptOnlyFromAmong("scratch", "minilm-condition", "minilm");

    public static Option<bool> FreezeConditionEncoder() => new("--freeze-condition-encoder") { Description = "Keep the MiniLM-initialised condition encoder frozen." };

    public static Option<int> Seed() => new("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };

    public static Option<double> Strength(double defaultValue = 1.0)
    {
        var option = new Option<double>("--strength")
        {
            Description = "Start from the source noised to this t in (0, 1] (SDEdit-style editing): 1 = from pure noise (the paper's sampler), lower keeps more of the source.",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value <= 1))
            {
                result.AddError($"--strength must lie in (0, 1] (1 = start from noise); got {value}.");
            }
        });
        return option;
    }

    /// <summary>An optional <c>--steps</c> (null = the model's or the recipe's default), positive when given.</summary>
    /// <param name="description">What the default is.</param>
    public static Option<int?> OptionalSteps(string description)
    {
        var steps = new Option<int?>("--steps") { Description = description };
        steps.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0)
            {
                r.AddError($"--steps must be positive; got {r.GetValueOrDefault<int?>()}.");
            }
        });
        return steps;
    }

    public static Option<T> Positive<T>(Option<T> option)
        where T : System.Numerics.INumber<T>
    {
        option.Validators.Add(result =>
        {
            T value = result.GetValueOrDefault<T>();
            if (value <= T.Zero)
            {
                result.AddError($"{option.Name} must be positive; got {value}.");
            }
        });
        return option;
    }

    public static LatentSpaceKind ParseLatent(string value) => LatentSpaceNames.Names.Contains(value)
        ? LatentSpaceKinds.Parse(value)
        : throw new ArgumentException($"--latent: unknown value '{value}'; expected {string.Join(", ", LatentSpaceNames.Names)}.");

    /// <summary><c>--candidates K</c>: minimum-Bayes-risk selection over K rewrites of each source (default 1).</summary>
    public static Option<int> Candidates()
    {
        var candidates = new Option<int>("--candidates")
        {
            Description = "Rewrite each source K times (seeds --seed, --seed + 1, …) and keep the candidate the others agree with most (minimum-Bayes-risk selection by sentence BLEU); K times the generation time.",
            DefaultValueFactory = _ => 1,
        };
        candidates.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"--candidates must be ≥ 1 (1 = no selection); got {r.GetValueOrDefault<int>()}.");
            }
        });
        return candidates;
    }
}
