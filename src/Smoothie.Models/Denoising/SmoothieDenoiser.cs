using Smoothie.Models.Blocks;
using Smoothie.Models.Configuration;
using Smoothie.Models.Encoders;
using Smoothie.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>
/// The Smoothie score estimator (SPEC §3): a UNet-style stack of BERT post-LayerNorm blocks conditioned on the diffusion
/// time and, for sequence-to-sequence tasks, on an encoded source. Parameter names follow the reference PyTorch
/// <c>state_dict</c> (<c>time_emb.{0,2}.*</c>, <c>encoder.input_blocks.{i}.attention.self.query.weight</c>,
/// <c>encoder.time_layers.{i}.*</c>, <c>condition_encoder.blocks.{i}.*</c>, <c>position_embeddings.weight</c>, buffer
/// <c>position_ids</c>, …; docs/model.md lists them all). Linear weights are <c>[out, in]</c>.
/// </summary>
/// <remarks>
/// Forward: <c>h = input_projection(x) + position_embeddings[0..L)</c> (projection only when d ≠ h), dropout;
/// <c>emb_t = time_emb(sinusoid(t))</c>; the stack runs with cross-attention to the encoded source or on the
/// concatenation [encoded source; h]; the result is projected back to d (<c>output_projection</c>) or to V logits
/// (<c>token_head</c>); with <see cref="DenoiserConfig.InputSkip"/> the input is added back, gated by
/// <c>sigmoid(input_skip_gate(emb_t))</c>; with <see cref="DenoiserConfig.CopyHead"/> attended source embeddings are mixed
/// in before that. The embedding matrix E is never a parameter: it comes with each <see cref="DenoiserInput"/>.
/// </remarks>
public sealed class SmoothieDenoiser : nn.Module<DenoiserInput, Tensor>
{
    private readonly Linear? input_projection;
    private readonly Embedding position_embeddings;
    private readonly Tensor position_ids;
    private readonly Sequential time_emb;
    private readonly UNetTransformerStack encoder;
    private readonly ConditionEncoder? condition_encoder;
    private readonly SelfConditionEncoder? self_condition_encoder;
    private readonly Linear? output_projection;
    private readonly Linear? token_head;
    private readonly Linear? head;
    private readonly Embedding? sequence_embeddings;
    private readonly Linear? input_skip_gate;
    private readonly Linear? copy_query;
    private readonly Linear? copy_key;
    private readonly Linear? copy_gate;
    private readonly Linear? aligned_source;
    private readonly Parameter? copy_offset_bias;
    private readonly UniformDropout dropout;

    /// <summary>Builds the model with fresh (PyTorch-default) initial weights on the CPU, in float32.</summary>
    /// <param name="config">The configuration; validated here.</param>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public SmoothieDenoiser(DenoiserConfig config)
        : base(nameof(SmoothieDenoiser))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        TorchSharpRuntime.EnsureLoaded();
        Config = config;
        int h = config.HiddenSize;
        int d = config.EffectiveEmbeddingSize;

        if (config.HasProjections)
        {
            input_projection = nn.Linear(d, h);
        }

        int positionCount = config.ReferenceCompatible ? config.ReferencePositionCount : config.OwnPositionCount;
        position_embeddings = nn.Embedding(positionCount, h);
        position_ids = arange(positionCount, dtype: ScalarType.Int64).unsqueeze(0);
        if (config.ReferenceCompatible && config.Conditioning == ConditioningMode.Concatenation)
        {
            sequence_embeddings = nn.Embedding(2, h);
        }

        time_emb = nn.Sequential(
            ("0", (nn.Module<Tensor, Tensor>)nn.Linear(h, 2 * h)),
            ("1", nn.SiLU()),
            ("2", nn.Linear(2 * h, h)));
        encoder = new UNetTransformerStack(config);
        if (config.IsConditional)
        {
            condition_encoder = new ConditionEncoder(config);
        }

        if (config.UseSelfConditioning)
        {
            self_condition_encoder = new SelfConditionEncoder(config);
        }

        (head, token_head, output_projection) = CreateOutputLayers(config, h, d);
        if (config.InputSkip)
        {
            input_skip_gate = CreateInputSkipGate(h);
        }

        if (config.CopyHead)
        {
            copy_query = nn.Linear(h, h);
            copy_key = nn.Linear(h, h);
            copy_gate = nn.Linear(h, 1);
        }

        if (config.IsSourceAligned)
        {
            aligned_source = nn.Linear(h, h);
            if (config.CopyHead)
            {
                copy_offset_bias = CreateCopyOffsetBias(config.AlignedCopyWindow);
            }
        }

        dropout = new UniformDropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The (validated) configuration the model was built from.</summary>
    public DenoiserConfig Config { get; }

    /// <summary>Number of trainable parameters (every parameter with <c>requires_grad</c>).</summary>
    public long TrainableParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>Predicts the clean embedding (or token logits) for a batch.</summary>
    /// <param name="input">
    /// Noisy input <c>[B, L, d]</c> with L ≤ <see cref="DenoiserConfig.MaxTargetLength"/>, times <c>[B]</c>, and for
    /// conditional models source ids <c>[B, S]</c>, an optional source padding mask <c>[B, S]</c> and E <c>[V, d]</c>.
    /// </param>
    /// <returns>
    /// The predicted clean embeddings <c>[B, L, d]</c>, or logits <c>[B, L, V]</c> when the token head is on, in the
    /// model's dtype.
    /// </returns>
    /// <exception cref="ArgumentException">A tensor is missing, superfluous, or of the wrong shape/dtype.</exception>
    public override Tensor forward(DenoiserInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        (long batch, long length) = DenoiserInputValidator.Validate(Config, input);

        using var scope = NewDisposeScope();
        if (Config.ReferenceCompatible)
        {
            return ForwardAsReference(input, length).MoveToOuterDisposeScope();
        }

        Tensor noisy = input.Noisy;
        Tensor hidden = input_projection is null ? noisy : input_projection.forward(noisy);
        Tensor positions = position_embeddings.forward(position_ids.narrow(1, 0, length));
        hidden = dropout.forward(hidden + positions);

        Tensor timeEmbedding = time_emb.forward(
            SinusoidalTimeEmbedding.Embed(input.Time, Config.HiddenSize, Config.TimeEmbeddingMaxPeriod, Config.TimeEmbeddingScale)
                .to_type(hidden.dtype));

        Tensor? selfCondition = null;
        if (self_condition_encoder is not null)
        {
            Tensor previous = input.SelfCondition ?? zeros_like(noisy);
            selfCondition = self_condition_encoder.forward(previous, positions);
        }

        Tensor output;
        Tensor? context = null;
        if (condition_encoder is null)
        {
            output = encoder.forward(hidden, timeEmbedding, null, null, null, selfCondition);
        }
        else
        {
            (output, context) = ForwardConditioned(condition_encoder, input, hidden, timeEmbedding, selfCondition, batch, length);
        }

        Tensor hiddenOutput = output;
        if (token_head is not null)
        {
            output = token_head.forward(output);
        }
        else if (output_projection is not null)
        {
            output = output_projection.forward(output);
        }

        if (copy_query is not null)
        {
            output = MixInSourceCopies(output, hiddenOutput, context!, input);
        }

        if (input_skip_gate is not null)
        {
            Tensor gate = sigmoid(input_skip_gate.forward(timeEmbedding)).view(batch, 1, 1);
            output = output + (gate * noisy.to_type(output.dtype));
        }

        return output.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The authors' <c>ScoreEstimatorEMB.forward</c> (see <see cref="DenoiserConfig.ReferenceCompatible"/>): shared positions,
    /// no input dropout, unmasked cross-attention, target-first concatenation with <c>sequence_embeddings</c> and time on the
    /// first <see cref="DenoiserConfig.MaxTargetLength"/> positions, optional <c>head</c>.
    /// </summary>
    private Tensor ForwardAsReference(DenoiserInput input, long length)
    {
        Tensor noisy = input.Noisy;
        Tensor targetPositions = SharedPositions(length);
        Tensor timeEmbedding = time_emb.forward(
            SinusoidalTimeEmbedding.Embed(input.Time, Config.HiddenSize, Config.TimeEmbeddingMaxPeriod).to_type(noisy.dtype));
        Tensor? selfCondition = self_condition_encoder?.forward(input.SelfCondition ?? zeros_like(noisy), targetPositions);

        Tensor output;
        if (condition_encoder is null)
        {
            output = encoder.forward(noisy + targetPositions, timeEmbedding, null, null, null, selfCondition);
        }
        else
        {
            Tensor sourceIds = input.SourceIds!;
            long sourceLength = sourceIds.shape[1];
            Tensor sourceMask = input.SourcePaddingMask ?? ones(sourceIds.shape, dtype: ScalarType.Bool, device: sourceIds.device);
            Tensor context = condition_encoder.forward(sourceIds, sourceMask, input.EmbeddingMatrix!.to_type(noisy.dtype), SharedPositions(sourceLength));
            if (sequence_embeddings is null)
            {
                // 4.37's cross-attention ignores the mask it is given: every source position, padding included, is a key.
                output = encoder.forward(noisy + targetPositions, timeEmbedding, null, context, null, selfCondition);
            }
            else
            {
                Tensor marks = sequence_embeddings.weight!.to_type(noisy.dtype);
                Tensor joined = cat([noisy + marks[0], context + marks[1]], dim: 1) + SharedPositions(length + sourceLength);
                Tensor joinedMask = cat([ones(noisy.shape[0], length, dtype: ScalarType.Bool, device: sourceMask.device), sourceMask], dim: 1);
                output = encoder.forward(joined, timeEmbedding, AttentionMask.FromKeyPadding(joinedMask), null, null, null, Config.MaxTargetLength)
                    .narrow(1, 0, length);
            }
        }

        if (head is not null)
        {
            output = head.forward(output);
        }

        return output.contiguous();
    }

    /// <summary>
    /// The stack on the target conditioned on the encoded source (cross-attention, or the concatenation [source; target]);
    /// returns its output <c>[B, L, h]</c> and the encoded source.
    /// </summary>
    private (Tensor Output, Tensor Context) ForwardConditioned(
        ConditionEncoder conditionEncoder, DenoiserInput input, Tensor hidden, Tensor timeEmbedding, Tensor? selfCondition, long batch, long length)
    {
        Tensor sourceIds = input.SourceIds!;
        Tensor sourceMask = input.SourcePaddingMask ?? ones(sourceIds.shape, dtype: ScalarType.Bool, device: sourceIds.device);
        Tensor context = conditionEncoder.forward(
            sourceIds, sourceMask, input.EmbeddingMatrix!.to_type(input.Noisy.dtype), Config.SharedSourcePositions ? SharedPositions(sourceIds.shape[1]) : null);
        if (aligned_source is not null)
        {
            hidden = hidden + aligned_source.forward(context.index_select(1, AlignedSourcePositions(length, sourceIds.shape[1], sourceIds.device)));
        }

        if (Config.Conditioning == ConditioningMode.CrossAttention)
        {
            return (encoder.forward(hidden, timeEmbedding, null, context, AttentionMask.FromKeyPadding(sourceMask), selfCondition), context);
        }

        long sourceLength = sourceIds.shape[1];
        Tensor joined = cat([context, hidden], dim: 1);
        Tensor joinedMask = cat([sourceMask, ones(batch, length, dtype: ScalarType.Bool, device: sourceMask.device)], dim: 1);
        Tensor? joinedSelfCondition = selfCondition is null
            ? null
            : cat([zeros(batch, sourceLength, Config.HiddenSize, dtype: selfCondition.dtype, device: selfCondition.device), selfCondition], dim: 1);
        Tensor output = encoder.forward(joined, timeEmbedding, AttentionMask.FromKeyPadding(joinedMask), null, null, joinedSelfCondition)
            .narrow(1, sourceLength, length);
        return (output, context);
    }

    /// <summary>
    /// The layer after the stack: the authors' <c>head</c> or this library's <c>token_head</c> (V logits), else the
    /// projection back to d when d ≠ h, else none.
    /// </summary>
    private static (Linear? Head, Linear? TokenHead, Linear? OutputProjection) CreateOutputLayers(DenoiserConfig config, int h, int d)
    {
        if (config.TokenHeadVocabularySize is { } vocabulary)
        {
            // The authors call it `head`; this library's own layout calls it `token_head`.
            return config.ReferenceCompatible ? (nn.Linear(h, vocabulary), null, null) : (null, nn.Linear(h, vocabulary), null);
        }

        return config.HasProjections ? (null, null, nn.Linear(h, d)) : (null, null, null);
    }

    /// <summary>The input-skip gate, zeroed: g(t) starts at sigmoid(0) = ½ for every t; the weights learn when the input is worth copying.</summary>
    private static Linear CreateInputSkipGate(int h)
    {
        Linear gate = nn.Linear(h, 1);
        using (no_grad())
        {
            gate.weight!.zero_();
            gate.bias!.zero_();
        }

        return gate;
    }

    /// <summary>The copy head's bias per source offset −W..W, starting at −2·|offset|.</summary>
    private static Parameter CreateCopyOffsetBias(int window)
    {
        using (no_grad())
        {
            return nn.Parameter(arange(-window, window + 1, dtype: ScalarType.Float32).abs_().mul_(-2.0));
        }
    }

    /// <summary>The shared position embeddings of positions 0..count−1, <c>[1, count, h]</c>.</summary>
    private Tensor SharedPositions(long count) => position_embeddings.forward(position_ids.narrow(1, 0, count));

    /// <summary>(1 − c)·F + c·Σ_j a_j·E_{source_j}: attention over the encoded source picks which source embeddings to copy.</summary>
    private Tensor MixInSourceCopies(Tensor prediction, Tensor hidden, Tensor context, DenoiserInput input)
    {
        Tensor sourceIds = input.SourceIds!;
        long batch = sourceIds.shape[0];
        long sourceLength = sourceIds.shape[1];
        Tensor scores = copy_query!.forward(hidden).matmul(copy_key!.forward(context).transpose(1, 2)).div_(Math.Sqrt(Config.HiddenSize));
        if (input.SourcePaddingMask is { } mask)
        {
            scores = scores.masked_fill(mask.logical_not().unsqueeze(1), float.NegativeInfinity);
        }

        Tensor sourceEmbeddings = input.EmbeddingMatrix!.index_select(0, sourceIds.reshape(-1)).view(batch, sourceLength, -1).to_type(prediction.dtype);
        if (copy_offset_bias is not null)
        {
            scores = scores + copy_offset_bias.index_select(0, CopyOffsetIndices(prediction.shape[1], sourceLength, sourceIds.device).reshape(-1))
                .view(1, prediction.shape[1], sourceLength).to_type(scores.dtype);
        }

        Tensor copied = scores.softmax(-1).matmul(sourceEmbeddings);
        Tensor gate = sigmoid(copy_gate!.forward(hidden));
        return prediction.mul(gate.neg().add(1)).add(copied.mul(gate));
    }

    /// <summary>For each of <paramref name="length"/> target slots, the source position it belongs to (<c>i / slots</c>).</summary>
    private Tensor AlignedSourcePositions(long length, long sourceLength, Device device) =>
        arange(length, dtype: ScalarType.Int64, device: device).div(Config.AlignedSlotsPerSourceToken, rounding_mode: RoundingMode.floor).clamp_max(sourceLength - 1);

    /// <summary>Indices into <c>copy_offset_bias</c> for every (slot i, source j): <c>clamp(j − i / slots, −W, W) + W</c>.</summary>
    private Tensor CopyOffsetIndices(long length, long sourceLength, Device device)
    {
        int window = Config.AlignedCopyWindow;
        Tensor aligned = AlignedSourcePositions(length, long.MaxValue / 2, device).unsqueeze(1);
        Tensor source = arange(sourceLength, dtype: ScalarType.Int64, device: device).unsqueeze(0);
        return source.sub(aligned).clamp(-window, window).add(window);
    }
}
