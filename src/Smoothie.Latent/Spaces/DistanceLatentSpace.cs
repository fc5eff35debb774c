using Smoothie.Runtime;
using Smoothie.Embeddings;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The Smoothie space: a token is the vector of scaled negative squared distances from its embedding to every
/// vocabulary embedding, <c>D_σmin(E_w)_j = −‖E_w − E_j‖² / (2σ_min²)</c> ∈ R^V. The denoiser sees
/// <c>softmax(x_t)·E</c>, predicts the clean embedding ê (MSE), x̂0 = D_σmin(ê), and decoding is the nearest
/// embedding (= argmax of D_σmin(ê)).
/// </summary>
public sealed class DistanceLatentSpace : LatentSpaceBase, IFusedDenoiserInput
{
    /// <summary>Creates the space.</summary>
    /// <param name="embeddings">E (borrowed).</param>
    /// <param name="sigmaMin">
    /// The width σ_min &gt; 0 of the clean latent; use the Arctan schedule's σ_min (its default and range are owned by
    /// <c>Smoothie.Schedulers.Schedules.ArctanParameters</c>, the paper's being <c>ArctanParameters.Paper.SigmaMin</c>).
    /// </param>
    /// <param name="chunking">Memory budget of the O(V) operations; null for 1 GiB.</param>
    /// <param name="inputMode">How x_t becomes the denoiser's input (default: the paper's softmax(x_t)·E).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigmaMin"/> is not a positive finite number.</exception>
    public DistanceLatentSpace(EmbeddingMatrix embeddings, double sigmaMin, LatentChunking? chunking = null, DistanceInputMode inputMode = DistanceInputMode.SoftmaxMix)
        : base(embeddings, chunking)
    {
        LatentArguments.RequirePositiveFinite(sigmaMin, nameof(sigmaMin));
        if (!Enum.IsDefined(inputMode))
        {
            throw new ArgumentOutOfRangeException(nameof(inputMode), inputMode, "Expected SoftmaxMix or Posterior.");
        }

        SigmaMin = sigmaMin;
        InputMode = inputMode;
    }

    /// <summary>How x_t becomes the denoiser's input.</summary>
    public DistanceInputMode InputMode { get; }

    /// <summary>The width σ_min of the clean latent.</summary>
    public double SigmaMin { get; }

    private Tensor? cleanSquaredNorms;

    /// <inheritdoc/>
    public override string Name => LatentSpaceNames.Distance;

    /// <inheritdoc/>
    public override long LatentDimension => VocabularySize;

    /// <inheritdoc/>
    public override LatentLossKind LossKind => LatentLossKind.EmbeddingMse;

    /// <inheritdoc/>
    public override long PredictionDimension => InputDimension;

    /// <inheritdoc/>
    public override Tensor CleanLatent(Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        Tensor rows = LookUp(tokenIds, nameof(tokenIds));
        return VocabularyOps.ScaledNegativeSquaredDistances(rows, Embeddings, SigmaMin, Chunking).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor DenoiserInput(Tensor noisyLatent)
    {
        RequireRows(noisyLatent, LatentDimension, nameof(noisyLatent), "noisy latent");
        return VocabularyOps.SoftmaxMix(noisyLatent, Embeddings, Chunking);
    }

    /// <inheritdoc/>
    /// <summary>
    /// With <see cref="DistanceInputMode.Posterior"/>: the posterior mean embedding p(· | x_t)·E under x_t = μ·D0 + std·ε
    /// (<see cref="DistancePosterior"/>); otherwise softmax(x_t)·E.
    /// </summary>
    /// <param name="noisyLatent">x_t <c>[B, L, V]</c>.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    public override Tensor DenoiserInput(Tensor noisyLatent, Tensor mu, Tensor std)
    {
        if (InputMode == DistanceInputMode.SoftmaxMix)
        {
            return DenoiserInput(noisyLatent);
        }

        RequireRows(noisyLatent, LatentDimension, nameof(noisyLatent), "noisy latent");
        if (Embeddings.IsTrainable)
        {
            // E moves during joint training: ‖D0(v)‖² must follow it.
            using var scope = NewDisposeScope();
            return DistancePosterior.Mix(noisyLatent, mu, std, Embeddings, SigmaMin, DistancePosterior.CleanSquaredNorms(Embeddings, SigmaMin)).MoveToOuterDisposeScope();
        }

        cleanSquaredNorms ??= DistancePosterior.CleanSquaredNorms(Embeddings, SigmaMin).DetachFromDisposeScope();
        return DistancePosterior.Mix(noisyLatent, mu, std, Embeddings, SigmaMin, cleanSquaredNorms);
    }

    public override Tensor TrainingTarget(Tensor tokenIds) => LookUp(tokenIds, nameof(tokenIds));

    /// <inheritdoc/>
    public bool CanFuseDenoiserInput => InputMode == DistanceInputMode.SoftmaxMix && !Embeddings.IsTrainable;

    /// <inheritdoc/>
    /// <summary>
    /// softmax(μ_t·D_σmin(E_w) + std_t·ε)·E for every position: the clean latent of each distinct token of the batch is
    /// computed once, then <see cref="VocabularyOps.NoisySoftmaxMix"/> gathers, noises and mixes one cache-sized block of
    /// rows at a time, so the noisy latent <c>[B, L, V]</c> is never materialised.
    /// </summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c>.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    public Tensor FusedTrainingInput(Tensor tokenIds, Tensor mu, Tensor std, Generator? generator = null) =>
        TrainingInput(tokenIds, mu, std, generator, null);

    /// <inheritdoc/>
    /// <summary>
    /// As <see cref="FusedTrainingInput(Tensor, Tensor, Tensor, Generator?)"/>, with ε of sequence b from its own stream.
    /// </summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c>.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    /// <param name="streams">The streams of this draw: B sequences of L positions.</param>
    public Tensor FusedTrainingInput(Tensor tokenIds, Tensor mu, Tensor std, SequenceNoise streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return TrainingInput(tokenIds, mu, std, null, streams);
    }

    /// <inheritdoc/>
    /// <summary>softmax(μ·D_σmin(ê) + std·ε)·E, one cache-sized block at a time (<see cref="VocabularyOps.NoisyDistanceSoftmaxMix"/>).</summary>
    /// <param name="prediction">Predicted embeddings ê <c>[B, L, d]</c>.</param>
    /// <param name="mu">μ at the next time.</param>
    /// <param name="std">std at the next time.</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    public Tensor FusedRenoisedInput(Tensor prediction, double mu, double std, Generator? generator = null)
    {
        RequireFusable();
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return VocabularyOps.NoisyDistanceSoftmaxMix(prediction, Embeddings, SigmaMin, mu, std, generator, Chunking);
    }

    /// <inheritdoc/>
    /// <summary>As <see cref="FusedRenoisedInput(Tensor, double, double, Generator?)"/>, with ε of sequence b from its own stream.</summary>
    /// <param name="prediction">Predicted embeddings ê <c>[B, L, d]</c>.</param>
    /// <param name="mu">μ at the next time.</param>
    /// <param name="std">std at the next time.</param>
    /// <param name="streams">The streams of this draw: B sequences of L positions.</param>
    public Tensor FusedRenoisedInput(Tensor prediction, double mu, double std, SequenceNoise streams)
    {
        RequireFusable();
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        if (prediction.dim() != 3)
        {
            throw new ArgumentException($"prediction must be [B, L, {PredictionDimension}] to be noised per sequence; got [{string.Join(", ", prediction.shape)}].", nameof(prediction));
        }

        RequireStreams(streams, prediction.shape[0], prediction.shape[1]);
        return VocabularyOps.NoisyDistanceSoftmaxMix(prediction, Embeddings, SigmaMin, mu, std, null, Chunking, streams);
    }

    /// <inheritdoc/>
    /// <summary>softmax(scale·ε)·E for every position, one cache-sized block at a time.</summary>
    /// <param name="batch">Sequences.</param>
    /// <param name="length">Positions per sequence.</param>
    /// <param name="scale">The prior's standard deviation.</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    public Tensor FusedPriorInput(long batch, long length, double scale, Generator? generator = null) =>
        PriorInput(batch, length, scale, generator, null);

    /// <inheritdoc/>
    /// <summary>As <see cref="FusedPriorInput(long, long, double, Generator?)"/>, with ε of sequence b from its own stream.</summary>
    /// <param name="batch">Sequences.</param>
    /// <param name="length">Positions per sequence.</param>
    /// <param name="scale">The prior's standard deviation.</param>
    /// <param name="streams">The streams of this draw: <paramref name="batch"/> sequences of <paramref name="length"/> positions.</param>
    public Tensor FusedPriorInput(long batch, long length, double scale, SequenceNoise streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return PriorInput(batch, length, scale, null, streams);
    }

    private Tensor TrainingInput(Tensor tokenIds, Tensor mu, Tensor std, Generator? generator, SequenceNoise? streams)
    {
        RequireFusable();

        ArgumentNullException.ThrowIfNull(tokenIds);
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(std);
        if (tokenIds.dim() != 2)
        {
            throw new ArgumentException($"tokenIds must be [B, L], got [{string.Join(", ", tokenIds.shape)}].", nameof(tokenIds));
        }

        long b = tokenIds.shape[0];
        long l = tokenIds.shape[1];
        foreach ((Tensor tensor, string name) in new[] { (mu, nameof(mu)), (std, nameof(std)) })
        {
            if (tensor.numel() != b)
            {
                throw new ArgumentException($"{name} must hold one value per sequence [{b}], got [{string.Join(", ", tensor.shape)}].", name);
            }
        }

        RequireStreams(streams, b, l);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        (Tensor distinct, Tensor? inverse, _) = tokenIds.reshape(-1).unique(sorted: false, return_inverse: true);
        Tensor clean = VocabularyOps.ScaledNegativeSquaredDistances(LookUp(distinct, nameof(tokenIds)), Embeddings, SigmaMin, Chunking);
        Tensor muRows = mu.reshape(b, 1).expand(b, l).reshape(-1);
        Tensor stdRows = std.reshape(b, 1).expand(b, l).reshape(-1);
        Tensor mixed = VocabularyOps.NoisySoftmaxMix(clean, inverse!.reshape(-1), muRows, stdRows, Embeddings, generator, Chunking, streams);
        return mixed.view(b, l, InputDimension).MoveToOuterDisposeScope();
    }

    private Tensor PriorInput(long batch, long length, double scale, Generator? generator, SequenceNoise? streams)
    {
        RequireFusable();
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1L);
        RequireStreams(streams, batch, length);
        using var scope = NewDisposeScope();
        Tensor anywhere = torch.zeros([batch, length, InputDimension], Embeddings.Weights.dtype, Embeddings.Device);
        return VocabularyOps.NoisyDistanceSoftmaxMix(anywhere, Embeddings, SigmaMin, 0, scale, generator, Chunking, streams).MoveToOuterDisposeScope();
    }

    private static void RequireStreams(SequenceNoise? streams, long batch, long length)
    {
        if (streams is not null && (streams.Keys.Count != batch || streams.Positions != length))
        {
            throw new ArgumentException(
                $"The noise streams hold {streams.Keys.Count} sequences of {streams.Positions} positions; the input has {batch} of {length}.", nameof(streams));
        }
    }

    private void RequireFusable()
    {
        if (!CanFuseDenoiserInput)
        {
            throw new InvalidOperationException(
                "The fused denoiser input needs the softmax input mode and a frozen embedding matrix; build x_t and call DenoiserInput instead.");
        }
    }

    /// <inheritdoc/>
    public override Tensor PredictionToLatent(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return VocabularyOps.ScaledNegativeSquaredDistances(prediction, Embeddings, SigmaMin, Chunking);
    }

    /// <inheritdoc/>
    public override void PredictionToLatent(Tensor prediction, Tensor destination)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        VocabularyOps.ScaledNegativeSquaredDistances(prediction, Embeddings, SigmaMin, destination);
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return VocabularyOps.NearestTokens(prediction, Embeddings, Chunking);
    }
}
