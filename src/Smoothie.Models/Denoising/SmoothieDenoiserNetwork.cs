using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>Adapts the paper's <see cref="SmoothieDenoiser"/> to <see cref="IDenoiserNetwork"/>, supplying the embedding matrix E.</summary>
public sealed class SmoothieDenoiserNetwork : IDenoiserNetwork
{
    private readonly SmoothieDenoiser model;
    private readonly Tensor embeddings;

    /// <summary>Wraps a denoiser.</summary>
    /// <param name="model">The denoiser.</param>
    /// <param name="embeddings">E <c>[V, d]</c> that embeds source ids (the latent space's normalised matrix); borrowed, not owned.</param>
    public SmoothieDenoiserNetwork(SmoothieDenoiser model, Tensor embeddings)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.embeddings = embeddings ?? throw new ArgumentNullException(nameof(embeddings));
        if (embeddings.dim() != 2 || embeddings.shape[1] != model.Config.EffectiveEmbeddingSize)
        {
            throw new ArgumentException($"The embedding matrix must be [V, {model.Config.EffectiveEmbeddingSize}] to match the model; got [{string.Join(", ", embeddings.shape)}].", nameof(embeddings));
        }
    }

    /// <summary>The wrapped model.</summary>
    public SmoothieDenoiser Model => model;

    /// <inheritdoc />
    public nn.Module Module => model;

    /// <inheritdoc />
    public bool SupportsSelfConditioning => model.Config.UseSelfConditioning;

    /// <inheritdoc />
    public Tensor Predict(Tensor input, Tensor time, Tensor? sourceIds, Tensor? sourceMask, Tensor? selfCondition)
    {
        var call = new DenoiserInput(input, time)
        {
            SourceIds = sourceIds,
            SourcePaddingMask = sourceIds is null ? null : sourceMask,
            EmbeddingMatrix = sourceIds is null ? null : embeddings,
            SelfCondition = model.Config.UseSelfConditioning ? selfCondition : null,
        };
        return model.forward(call);
    }
}
