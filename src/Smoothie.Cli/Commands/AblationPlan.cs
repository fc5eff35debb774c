using Smoothie.Data;
using Smoothie.Evaluation;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>What every run of one ablation shares: the settings, the sampling and decoding settings to score, the data and the scorers.</summary>
internal sealed record AblationPlan(TrainSettings BaseSettings, string Root, IReadOnlyList<string> Solvers, IReadOnlyList<int> Steps, string Split, bool RemoveRepeats,
    bool Clamp, double Strength, string? Label, IReadOnlyList<Seq2SeqPair> Train, IReadOnlyList<Seq2SeqPair> Valid, IReadOnlyList<Seq2SeqPair> Test,
    IReadOnlyList<IReadOnlyList<string>> References, BertScore? Bert, ReaderBaselines Baselines, IAnsiConsole Console)
{
    /// <summary>The beam widths the autoregressive baseline is scored with (1 = greedy).</summary>
    public IReadOnlyList<int> BeamWidths { get; init; } = [1];

    /// <summary>Whether the cached run <paramref name="c"/> is the scoring this plan wants for the sampling setting <paramref name="w"/>.</summary>
    public bool Matches(AblationRun c, (string Solver, int Steps) w) =>
        c.Solver == w.Solver && c.SamplingSteps == w.Steps && c.Clamp == Clamp && c.Strength == Strength && c.TestRows == Test.Count && (c.BertScoreF1 is not null || Bert is null)
        && c.Split == Split && c.KeepRepeats == !RemoveRepeats;

    /// <summary>Whether the cached autoregressive run <paramref name="c"/> is the scoring this plan wants for beam width <paramref name="width"/>.</summary>
    public bool MatchesDecoding(AblationRun c, int width) =>
        c.IsAutoregressive && c.SamplingSteps == width && c.Solver == (width == 1 ? AblationRun.Greedy : AblationRun.Beam) && c.TestRows == Test.Count
        && (c.BertScoreF1 is not null || Bert is null) && c.Split == Split;
}
