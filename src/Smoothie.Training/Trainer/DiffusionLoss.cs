using Smoothie.Sampling;
using Smoothie.Models.Denoising;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Training.Trainer;

/// <summary>
/// The training objective shared by every latent space (SPEC §2): t ~ U(ε, 1), x_t = μ_t·x0 + std_t·ε, the network
/// predicts the clean data from <see cref="ILatentSpace.DenoiserInput"/>(x_t), and the loss is the MSE to the clean
/// embeddings (mean over features, then positions) or the cross-entropy of a token head; for the embedding spaces,
/// optionally plus a weighted token cross-entropy of the prediction's distances (<see cref="TrainingOptions.TokenLossWeight"/>).
/// </summary>
public sealed class DiffusionLoss
{
    private readonly ILatentSpace space;
    private readonly INoiseSchedule schedule;
    private readonly TrainingOptions options;

    /// <summary>Creates the objective.</summary>
    /// <param name="space">The latent space.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="options">Training options (ε, self-conditioning, masking, condition dropout).</param>
    public DiffusionLoss(ILatentSpace space, INoiseSchedule schedule, TrainingOptions options)
    {
        this.space = space ?? throw new ArgumentNullException(nameof(space));
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The noise schedule.</summary>
    public INoiseSchedule Schedule => schedule;

    /// <summary>
    /// The loss of one batch (a scalar tensor with a graph). Randomness comes from the global generator, which the
    /// trainer seeds per step.
    /// </summary>
    /// <param name="network">The denoiser.</param>
    /// <param name="batch">Targets (and sources).</param>
    /// <param name="targetPadId">The id of target padding (used when masking padding).</param>
    public Tensor Compute(IDenoiserNetwork network, Seq2SeqBatch batch, long targetPadId) => Compute(network, batch, targetPadId, timeSampler: null);

    /// <summary>
    /// The loss of one batch with t drawn by a <see cref="LossWeightedTimeSampler"/> (importance-weighted per sequence,
    /// and the sampler's statistics updated), or uniformly when <paramref name="timeSampler"/> is null.
    /// </summary>
    /// <param name="network">The denoiser.</param>
    /// <param name="batch">Targets (and sources).</param>
    /// <param name="targetPadId">The id of target padding (used when masking padding).</param>
    /// <param name="timeSampler">The importance sampler of t, or null for t ~ U(ε, 1).</param>
    public Tensor Compute(IDenoiserNetwork network, Seq2SeqBatch batch, long targetPadId, LossWeightedTimeSampler? timeSampler)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        Tensor ids = batch.TargetIds ?? throw new ArgumentException("A training batch needs target ids.", nameof(batch));
        long b = ids.shape[0];
        Device device = ids.device;

        Tensor t;
        Tensor? weights = null;
        if (timeSampler is null)
        {
            t = (rand(b, device: device) * (1 - options.MinTime)) + options.MinTime;
        }
        else
        {
            (t, weights) = timeSampler.Sample(b, device);
        }

        // The distance space builds its input block by block without materialising x_t [B, L, V] (IFusedDenoiserInput).
        Tensor input = space is IFusedDenoiserInput { CanFuseDenoiserInput: true } fused
            ? fused.FusedTrainingInput(ids, schedule.Mu(t), schedule.Std(t))
            : space.DenoiserInput(Corrupt(ids, t), schedule.Mu(t), schedule.Std(t));

        (Tensor? sourceIds, Tensor? sourceMask) = DropCondition(batch);
        Tensor? selfCondition = null;
        if (options.SelfConditioning && network.SupportsSelfConditioning && rand(1).item<float>() < 0.5f)
        {
            using var noGrad = no_grad();
            Tensor first = network.Predict(input, t, sourceIds, sourceMask, null);
            selfCondition = space.DenoiserInput(space.PredictionToLatent(first)).detach();
        }

        Tensor prediction = network.Predict(input, t, sourceIds, sourceMask, selfCondition);
        Tensor value;
        if (timeSampler is null || weights is null)
        {
            value = Loss(prediction, ids, targetPadId);
        }
        else
        {
            Tensor perSequence = PerSequenceLoss(prediction, ids, targetPadId);
            timeSampler.Observe(t, perSequence);
            value = (perSequence * weights).mean();
        }

        return options.TrainEmbeddings ? value + EmbeddingTerms(ids) : value;
    }

    /// <summary>x_t for token ids at per-sequence times <paramref name="t"/> <c>[B]</c>.</summary>
    /// <param name="ids">Token ids <c>[B, L]</c>.</param>
    /// <param name="t">Times <c>[B]</c>.</param>
    public Tensor Corrupt(Tensor ids, Tensor t)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(t);
        Tensor mu = schedule.Mu(t).view(-1, 1, 1);
        Tensor std = schedule.Std(t).view(-1, 1, 1);

        // A batch repeats tokens (padding, frequent words): compute the clean latent of each distinct id once and
        // gather. Then x_t = μ·x0 + std·ε in place, with ε drawn one sequence at a time into one reused buffer
        // (no second full-size tensor).
        Tensor x = CleanLatentOfDistinct(ids);
        if (x.requires_grad || ids.dim() < 1)
        {
            return x.mul(mu).add_(randn_like(x).mul_(std));
        }

        x.mul_(mu);
        float[] stds = std.reshape(-1).to(ScalarType.Float32).cpu().data<float>().ToArray();
        using var noGrad = no_grad();
        Tensor noise = empty(x.shape[1..], x.dtype, x.device);
        for (int i = 0; i < stds.Length; i++)
        {
            noise.normal_();
            x[i].add_(noise, stds[i]);
        }

        return x;
    }

    private Tensor CleanLatentOfDistinct(Tensor ids)
    {
        if (ids.dim() < 1 || ids.numel() < 2)
        {
            return space.CleanLatent(ids);
        }

        (Tensor distinct, Tensor? inverse, _) = ids.unique(sorted: false, return_inverse: true);
        if (inverse is null || distinct.numel() * 4 > ids.numel() * 3)
        {
            // Not enough repetition to pay for the gather.
            return space.CleanLatent(ids);
        }

        Tensor latents = space.CleanLatent(distinct);
        Tensor gathered = latents.index_select(0, inverse.reshape(-1));
        return gathered.view([.. ids.shape, latents.shape[^1]]);
    }

    /// <summary>
    /// The extra terms of joint embedding training: the decoder NLL of recovering each token from its own embedding
    /// (distance logits at width σ = 1 in embedding units) and prior matching, mean((μ_1·x0)²), which keeps the clean
    /// latent's signal at t = 1 negligible. Both carry gradients into the trainable embedding matrix.
    /// </summary>
    /// <param name="ids">Token ids <c>[B, L]</c>.</param>
    public Tensor EmbeddingTerms(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (space is not LatentSpaceBase latent || !latent.Embeddings.IsTrainable || space.LossKind != LatentLossKind.EmbeddingMse)
        {
            throw new InvalidOperationException("Joint embedding training needs a distance or embedding latent space over an EmbeddingMatrix built with Trainable = true.");
        }

        Tensor embedded = space.TrainingTarget(ids);
        Tensor logits = latent.Embeddings.ScaledNegativeSquaredDistances(embedded, sigma: 1.0, latent.Chunking);
        Tensor nll = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), ids.reshape(-1));
        double mu1 = schedule.Mu(1.0);
        Tensor prior = space.CleanLatent(ids).mul(mu1).square().mean();
        return (nll * options.DecoderNllWeight) + (prior * options.PriorMatchingWeight);
    }

    /// <summary>The loss of each sequence <c>[B]</c>: the per-position loss averaged over positions (or over real tokens when masking).</summary>
    /// <param name="prediction">Network output <c>[B, L, P]</c>.</param>
    /// <param name="ids">True ids <c>[B, L]</c>.</param>
    /// <param name="targetPadId">The padding id.</param>
    public Tensor PerSequenceLoss(Tensor prediction, Tensor ids, long targetPadId)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(ids);
        Tensor perPosition = PerPositionLoss(prediction, ids);
        if (!options.MaskPaddingInLoss)
        {
            return perPosition.mean([-1]);
        }

        Tensor real = ids.ne(targetPadId).to(perPosition.dtype);
        return (perPosition * real).sum([-1]) / real.sum([-1]).clamp_min(1);
    }

    /// <summary>The per-position loss averaged as the reference does (or over real tokens when masking).</summary>
    /// <param name="prediction">Network output <c>[B, L, P]</c>.</param>
    /// <param name="ids">True ids <c>[B, L]</c>.</param>
    /// <param name="targetPadId">The padding id.</param>
    public Tensor Loss(Tensor prediction, Tensor ids, long targetPadId)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(ids);
        Tensor perPosition = PerPositionLoss(prediction, ids);
        if (!options.MaskPaddingInLoss)
        {
            return perPosition.mean();
        }

        Tensor real = ids.ne(targetPadId).to(perPosition.dtype);
        return (perPosition * real).sum() / real.sum().clamp_min(1);
    }

    /// <summary>
    /// The loss at each position <c>[B, L]</c>: the MSE over features (plus λ times the token cross-entropy of the
    /// prediction's distances when <see cref="TrainingOptions.TokenLossWeight"/> is on) or the token head's cross-entropy.
    /// </summary>
    internal Tensor PerPositionLoss(Tensor prediction, Tensor ids) => space.LossKind switch
    {
        LatentLossKind.EmbeddingMse when options.TokenLossWeight > 0 => (prediction - space.TrainingTarget(ids)).square().mean([-1])
            .add(TokenCrossEntropyTerm.PerPosition(space, prediction, ids), options.TokenLossWeight),
        LatentLossKind.EmbeddingMse => (prediction - space.TrainingTarget(ids)).square().mean([-1]),
        LatentLossKind.TokenCrossEntropy => nn.functional.cross_entropy(
            prediction.reshape(-1, prediction.shape[^1]), ids.reshape(-1), reduction: nn.Reduction.None).view(ids.shape),
        _ => throw new InvalidOperationException($"Unknown loss kind {space.LossKind}."),
    };

    private (Tensor? Ids, Tensor? Mask) DropCondition(Seq2SeqBatch batch)
    {
        if (batch.SourceIds is null || batch.SourceMask is null || options.ConditionDropout <= 0)
        {
            return (batch.SourceIds, batch.SourceMask);
        }

        // Dropped rows keep only their first source token ([CLS]): the "empty condition" used by guidance.
        long b = batch.SourceIds.shape[0];
        Tensor drop = rand(b, device: batch.SourceIds.device).lt(options.ConditionDropout).view(-1, 1);
        Tensor firstOnly = zeros_like(batch.SourceMask);
        firstOnly[TensorIndex.Colon, 0] = tensor(true);
        Tensor mask = where(drop, firstOnly, batch.SourceMask);
        return (batch.SourceIds, mask);
    }
}
