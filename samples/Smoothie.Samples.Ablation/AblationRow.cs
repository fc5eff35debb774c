using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Training.Trainer;

namespace Smoothie.Samples.Ablation;

/// <summary>One line of the ablation table.</summary>
/// <param name="Latent">The latent space.</param>
/// <param name="Schedule">The schedule it was paired with.</param>
/// <param name="Training">How training ended.</param>
/// <param name="Report">The scores on the held-out pairs.</param>
public sealed record AblationRow(LatentSpaceKind Latent, string Schedule, TrainingRunResult Training, EvaluationReport Report);
