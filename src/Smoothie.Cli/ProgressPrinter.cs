using System.Globalization;
using Smoothie.Training.Trainer;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>Prints one progress line at most every few seconds (works in terminals and CI logs alike).</summary>
internal sealed class ProgressPrinter(IAnsiConsole console) : IProgress<TrainingProgress>
{
    private DateTime last = DateTime.MinValue;

    public void Report(TrainingProgress value)
    {
        if (DateTime.UtcNow - last < TimeSpan.FromSeconds(10) && value.Step != value.MaxSteps)
        {
            return;
        }

        last = DateTime.UtcNow;
        string of = value.MaxSteps is { } m ? $"/{m:N0}" : string.Empty;
        string eta = value.Remaining is { } r ? $"  ETA {(r.TotalHours >= 1 ? r.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : r.ToString(@"mm\:ss", System.Globalization.CultureInfo.InvariantCulture))}" : string.Empty;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"  step {value.Step:N0}{of}  loss {value.Loss:F4}  lr {value.LearningRate:0.0e0}  grad {value.GradientNorm:F2}  {value.StepsPerSecond:F2} steps/s  {value.TokensPerSecond:N0} tok/s{eta}"));
    }
}
