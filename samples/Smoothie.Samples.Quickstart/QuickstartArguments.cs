using System.Globalization;

namespace Smoothie.Samples.Quickstart;

/// <summary>The quickstart's command line: <c>--steps N</c>, <c>--minutes M</c>, <c>--out DIR</c>.</summary>
/// <param name="Steps">Training steps (default 40).</param>
/// <param name="Minutes">Training time budget in minutes (default 0.5); training stops at whichever limit comes first.</param>
/// <param name="Output">The folder the trained pipeline is saved to (default: a new temporary folder).</param>
public sealed record QuickstartArguments(int Steps, double Minutes, string Output)
{
    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The command line.</param>
    /// <exception cref="ArgumentException">An unknown option or a value that is not a positive number.</exception>
    public static QuickstartArguments Parse(IReadOnlyList<string> args)
    {
        int steps = 40;
        double minutes = 0.5;
        string? output = null;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.", nameof(args));
            switch (args[i])
            {
                case "--steps" when int.TryParse(value, CultureInfo.InvariantCulture, out steps) && steps > 0:
                    break;
                case "--minutes" when double.TryParse(value, CultureInfo.InvariantCulture, out minutes) && minutes > 0:
                    break;
                case "--out":
                    output = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option or invalid value: {args[i]} {value}. Usage: [--steps N>0] [--minutes M>0] [--out DIR]", nameof(args));
            }

            i++;
        }

        return new QuickstartArguments(steps, minutes, output ?? Directory.CreateTempSubdirectory("smoothie-quickstart").FullName);
    }
}
