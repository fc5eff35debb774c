namespace Smoothie.Cli.Commands;

/// <summary>
/// One scored row of an ablation as <c>ablation-runs.json</c> caches it: which model (a latent space, or
/// <see cref="Autoregressive"/>), seed, training steps and minutes, the decoding setting (for diffusion the solver and its
/// steps; for the autoregressive model <see cref="Greedy"/> or <see cref="Beam"/> and the beam width), the scores and
/// the seconds generation took.
/// </summary>
internal sealed record AblationRun(string Label, string Latent, int Seed, long TrainSteps, double TrainMinutes, string Solver, int SamplingSteps, int TestRows,
    double Bleu, double BleuLowercase, double RougeL, double Sari, double? BertScoreF1, double SampleSeconds, bool Clamp = false, double Strength = 1.0)
{
    /// <summary>The <see cref="Latent"/> of the autoregressive baseline's rows.</summary>
    public const string Autoregressive = "autoregressive";

    /// <summary>The <see cref="Solver"/> of greedy decoding (beam width 1).</summary>
    public const string Greedy = "greedy";

    /// <summary>The <see cref="Solver"/> of beam search (the width is in <see cref="SamplingSteps"/>).</summary>
    public const string Beam = "beam";

    /// <summary>The split scored (runs cached before the option existed were scored on test).</summary>
    public string Split { get; init; } = "test";

    /// <summary>Whether repeated words were kept.</summary>
    public bool KeepRepeats { get; init; }

    /// <summary>Archaic words rewritten, %, or null for runs cached before it was measured.</summary>
    public double? Archaic { get; init; }

    /// <summary>The reader metrics and the bootstrap against the word lookup, or null for runs cached before they were measured.</summary>
    public ReaderScores? Reader { get; init; }

    /// <summary>Whether the row is the autoregressive baseline's.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsAutoregressive => Latent == Autoregressive;
}
