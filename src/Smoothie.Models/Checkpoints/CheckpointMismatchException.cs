namespace Smoothie.Models.Checkpoints;

/// <summary>
/// A checkpoint does not fit the model: some shapes differ, or (strict loading) keys are missing or unexpected.
/// Nothing was copied into the model. An <see cref="ArgumentException"/> naming the <c>path</c> argument.
/// </summary>
public sealed class CheckpointMismatchException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="report">What matched and what did not.</param>
    public CheckpointMismatchException(string path, LoadReport report)
        : base($"The checkpoint '{path}' does not fit the model ({(report ?? throw new ArgumentNullException(nameof(report))).Mismatched.Count} shape mismatches, "
            + $"{report.Missing.Count} missing and {report.Unexpected.Count} unexpected keys); nothing was loaded.{Environment.NewLine}{report}", nameof(path))
    {
        CheckpointPath = path;
        Report = report;
    }

    /// <summary>The checkpoint file.</summary>
    public string CheckpointPath { get; }

    /// <summary>What matched and what did not.</summary>
    public LoadReport Report { get; }
}
