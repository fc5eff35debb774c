using Smoothie.Autoregressive.Configuration;
using Smoothie.Models.Encoders;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Modules;

/// <summary>
/// The autoregressive baseline's network: a Transformer encoder–decoder with a pointer-generator output. The source is
/// encoded by <c>encoder</c> (the diffusion model's condition encoder: frozen E rows projected to h, positions,
/// LayerNorm, BERT blocks), the decoder input by <c>target_embedding</c> (as the denoiser embeds its target) and
/// <c>decoder</c> (causal BERT blocks with cross-attention), and <c>pointer</c> turns each decoder state into a
/// distribution over the output vocabulary and the source tokens. The embedding matrix E is never a parameter.
/// </summary>
public sealed class PointerGeneratorTransformer : nn.Module<PointerInput, Tensor>
{
    private readonly ConditionEncoder encoder;
    private readonly TargetEmbedding target_embedding;
    private readonly CausalDecoder decoder;
    private readonly PointerGenerator pointer;

    /// <summary>Builds the network with fresh (PyTorch-default) weights on the CPU, in float32.</summary>
    /// <param name="config">The configuration; validated here.</param>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public PointerGeneratorTransformer(AutoregressiveConfig config)
        : base(nameof(PointerGeneratorTransformer))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        TorchSharpRuntime.EnsureLoaded();
        Config = config;
        encoder = new ConditionEncoder(config.SourceEncoderConfig());
        target_embedding = new TargetEmbedding(config);
        decoder = new CausalDecoder(config);
        pointer = new PointerGenerator(config);
        RegisterComponents();
    }

    /// <summary>The (validated) configuration.</summary>
    public AutoregressiveConfig Config { get; }

    /// <summary>Number of trainable parameters.</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>The output distribution at every decoder position (teacher forcing).</summary>
    /// <param name="input">Source, decoder input and E.</param>
    /// <returns>Probabilities <c>[B, L, V_ext]</c>; row i is the distribution of the token after decoder input i.</returns>
    /// <exception cref="ArgumentException">A tensor has the wrong shape or dtype.</exception>
    public override Tensor forward(PointerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        Tensor context = Encode(input.SourceIds, input.SourceMask, input.EmbeddingMatrix);
        return Decode(context, input, lastPositionOnly: false).MoveToOuterDisposeScope();
    }

    /// <summary>Encodes a batch of sources once (decoding reuses it at every step).</summary>
    /// <param name="sourceIds">Codec ids <c>[B, S]</c>, int64.</param>
    /// <param name="sourceMask">Boolean <c>[B, S]</c>, true at real tokens.</param>
    /// <param name="embeddingMatrix">E <c>[V, d]</c>.</param>
    /// <returns>The encoded source <c>[B, S, h]</c>.</returns>
    public Tensor Encode(Tensor sourceIds, Tensor sourceMask, Tensor embeddingMatrix)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        ArgumentNullException.ThrowIfNull(sourceMask);
        ArgumentNullException.ThrowIfNull(embeddingMatrix);
        return encoder.forward(sourceIds, sourceMask, embeddingMatrix);
    }

    /// <summary>The output distribution given an encoded source.</summary>
    /// <param name="context">The encoded source <c>[B, S, h]</c> (from <see cref="Encode"/>).</param>
    /// <param name="input">The rest of the input (its source ids are not read again).</param>
    /// <param name="lastPositionOnly">Whether only the last decoder position's distribution is wanted (decoding).</param>
    /// <returns>Probabilities <c>[B, L, V_ext]</c>, or <c>[B, 1, V_ext]</c> for the last position.</returns>
    /// <exception cref="ArgumentException">A tensor has the wrong shape or dtype.</exception>
    public Tensor Decode(Tensor context, PointerInput input, bool lastPositionOnly)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);
        using var scope = NewDisposeScope();
        Tensor embedded = target_embedding.forward(input.DecoderInputIds, input.EmbeddingMatrix);
        Tensor states = decoder.forward(embedded, context, input.SourceMask);
        if (lastPositionOnly)
        {
            long last = states.shape[1] - 1;
            states = states.narrow(1, last, 1);
            embedded = embedded.narrow(1, last, 1);
        }

        return pointer.forward(new PointerGeneratorInput(states, embedded, context, input.SourceMask, input.SourceExtendedIds, input.ExtendedVocabularySize))
            .MoveToOuterDisposeScope();
    }

    private static void Validate(PointerInput input)
    {
        long batch = input.SourceIds.shape[0];
        if (input.SourceMask.dtype != ScalarType.Bool || !input.SourceMask.shape.SequenceEqual(input.SourceIds.shape))
        {
            throw new ArgumentException($"The source mask must be a boolean tensor of the source ids' shape [{string.Join(", ", input.SourceIds.shape)}].", nameof(input));
        }

        if (input.SourceExtendedIds.dtype != ScalarType.Int64 || !input.SourceExtendedIds.shape.SequenceEqual(input.SourceIds.shape))
        {
            throw new ArgumentException($"The source extended ids must be an int64 tensor of the source ids' shape [{string.Join(", ", input.SourceIds.shape)}].", nameof(input));
        }

        if (input.DecoderInputIds.dim() != 2 || input.DecoderInputIds.shape[0] != batch || input.DecoderInputIds.shape[1] < 1)
        {
            throw new ArgumentException($"The decoder input ids must be [B = {batch}, L ≥ 1], got [{string.Join(", ", input.DecoderInputIds.shape)}].", nameof(input));
        }
    }
}
