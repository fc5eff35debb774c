using System.Globalization;

namespace Smoothie.Samples.Ablation;

/// <summary>The ablation's command line: <c>--steps N</c> (training steps per latent space), <c>--eval N</c> (held-out verses), <c>--out DIR</c>.</summary>
/// <param name="Steps">Training steps per latent space (default 30).</param>
/// <param name="EvaluationPairs">Held-out verse pairs to rewrite and score (default 16).</param>
/// <param name="Output">The folder that receives one trained pipeline per space (default: a new temporary folder).</param>
public sealed record AblationArguments(int Steps, int EvaluationPairs, string Output)
{
    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The command line.</param>
    /// <exception cref="ArgumentException">An unknown option or a value that is not a positive integer.</exception>
    public static AblationArguments Parse(IReadOnlyList<string> args)
    {
        int steps = 30, evaluation = 16;
        string? output = null;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.", nameof(args));
            switch (args[i])
            {
                case "--steps" when int.TryParse(value, CultureInfo.InvariantCulture, out steps) && steps > 0:
                    break;
                case "--eval" when int.TryParse(value, CultureInfo.InvariantCulture, out evaluation) && evaluation > 0:
                    break;
                case "--out":
                    output = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option or invalid value: {args[i]} {value}. Usage: [--steps N>0] [--eval N>0] [--out DIR]", nameof(args));
            }

            i++;
        }

        return new AblationArguments(steps, evaluation, output ?? Directory.CreateTempSubdirectory("smoothie-ablation").FullName);
    }
}
