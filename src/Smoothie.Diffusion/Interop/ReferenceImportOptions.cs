using Smoothie.Diffusion.Configuration;
using Smoothie.Models.Checkpoints;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Interop;

/// <summary>
/// What <see cref="ReferencePipelineImport"/> needs to turn a model trained with the authors' PyTorch trainer
/// (<c>train_diffusion.py --smooth_diffusion --model_type bert</c>) into a pipeline. The defaults are their command-line
/// defaults (<c>utils/util.py</c>) and <c>bert-base-cased</c>'s configuration.
/// </summary>
public sealed record ReferenceImportOptions
{
    /// <summary>Their checkpoint: a trainer checkpoint (<c>checkpoints/&lt;prefix&gt;/&lt;step&gt;.pth</c>) or a bare state dict.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>The WordPiece vocabulary their tokenizer used (<c>vocab.txt</c> of <c>bert-base-cased</c> by default).</summary>
    public required string VocabularyPath { get; init; }

    /// <summary>
    /// The normalised token embeddings, as <c>.safetensors</c> (tensor <c>embeddings</c>, or the only tensor) or a
    /// <c>torch.save</c> file (a dict with <c>embeddings</c>, e.g. their <c>Encoder.state_dict()</c>); null takes them
    /// from the trainer checkpoint's <c>encoder.embeddings</c>, which every checkpoint of theirs records.
    /// </summary>
    public string? EmbeddingsPath { get; init; }

    /// <summary>Which weights; null = the EMA when the file has one (their sampler uses it), else the model weights.</summary>
    public CheckpointWeights? Weights { get; init; }

    /// <summary>Their <c>max_sequence_len</c>: the target length the model was trained with (e.g. 50 for QQP, 64 for XSum).</summary>
    public required int TargetLength { get; init; }

    /// <summary>Their <c>max_context_len</c>: the source length (e.g. 50 for QQP, 512 for XSum).</summary>
    public required int SourceLength { get; init; }

    /// <summary>Attention heads (12: their score estimator always takes <c>bert-base-cased</c>'s configuration).</summary>
    public int AttentionHeads { get; init; } = 12;

    /// <summary>Whether the vocabulary is uncased (false for their default <c>bert-base-cased</c>).</summary>
    public bool LowerCase { get; init; }

    /// <summary>Their <c>--sigma_min</c> (default: the paper's, <see cref="ArctanParameters.Paper"/>'s, as theirs).</summary>
    public double SigmaMin { get; init; } = ArctanParameters.Paper.SigmaMin;

    /// <summary>Their <c>--sigma_max</c> (default: the paper's, as theirs).</summary>
    public double SigmaMax { get; init; } = ArctanParameters.Paper.SigmaMax;

    /// <summary>Their <c>--coef_d</c>, d of the Arctan schedule (default: the paper's, as theirs).</summary>
    public double ScheduleD { get; init; } = ArctanParameters.Paper.D;

    /// <summary>Their <c>--delta</c> (default: the paper's, as theirs).</summary>
    public double Delta { get; init; } = ArctanParameters.Paper.Delta;

    /// <summary>Their Arctan schedule: <see cref="ScheduleD"/>, <see cref="Delta"/>, <see cref="SigmaMin"/> and <see cref="SigmaMax"/>.</summary>
    public DistanceSettings DistanceSettings() => new(SigmaMin, SigmaMax, ScheduleD, Delta);

    /// <summary>Their <c>--num_gen_steps</c> (default: the paper's, <see cref="Sampling.Solvers.TimeGrid.DefaultSteps"/>, as theirs).</summary>
    public int SamplingSteps { get; init; } = Sampling.Solvers.TimeGrid.DefaultSteps;
}
