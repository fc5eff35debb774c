using Smoothie.Training.Checkpoints;

namespace Smoothie.Training.Trainer;

/// <summary>The trainer's own record in a checkpoint (trainer.json): the step, what the checkpoint must match and the options.</summary>
/// <param name="Step">Optimisation steps done.</param>
/// <param name="Identity">What a resume must match.</param>
/// <param name="Options">The options of the run.</param>
public sealed record TrainerState(long Step, CheckpointIdentity Identity, TrainingOptions Options);
