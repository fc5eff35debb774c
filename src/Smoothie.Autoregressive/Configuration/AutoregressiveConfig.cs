using System.Text.Json.Serialization;
using Smoothie.Models.Configuration;

namespace Smoothie.Autoregressive.Configuration;

/// <summary>
/// Shape of a <see cref="Modules.PointerGeneratorTransformer"/>: a Transformer encoder–decoder with a pointer-generator
/// copy mechanism. Immutable; derive variants with a with-expression. <see cref="FromDenoiser"/> gives the network of the
/// same width, depth and heads as a diffusion denoiser, so the two can be compared at equal size.
/// Call <see cref="Validate"/> (the network's constructor does) to check the combination.
/// </summary>
public sealed record AutoregressiveConfig
{
    /// <summary>Hidden width h of every block. Default 128 (the Tiny preset's).</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Width d of the token embeddings the encoder and the decoder read (projected to h when d ≠ h). Default 384 (MiniLM).</summary>
    public int EmbeddingSize { get; init; } = 384;

    /// <summary>Attention heads; must divide <see cref="HiddenSize"/>. Default 4.</summary>
    public int AttentionHeads { get; init; } = 4;

    /// <summary>BERT blocks of the source encoder (the diffusion model's condition encoder). Default 2.</summary>
    public int EncoderLayers { get; init; } = 2;

    /// <summary>Decoder blocks (causal self-attention, cross-attention, feed-forward): the diffusion denoiser's depth. Default 4.</summary>
    public int DecoderLayers { get; init; } = 4;

    /// <summary>Feed-forward width; <see langword="null"/> means 4h.</summary>
    public int? IntermediateSize { get; init; }

    /// <summary>
    /// Size of the output vocabulary the generator half of the pointer-generator writes with (the target sub-vocabulary);
    /// any source token can be copied besides. Set by the model from its training targets; must be ≥ 2.
    /// </summary>
    public int TargetVocabularySize { get; init; }

    /// <summary>Rows of the source position table (the longest source row). Default 128.</summary>
    public int MaxSourceLength { get; init; } = 128;

    /// <summary>Rows of the target position table (the longest decoder input). Default 64.</summary>
    public int MaxTargetLength { get; init; } = 64;

    /// <summary>Hidden-state dropout in [0, 1). Default 0.1.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Attention-probability dropout in [0, 1). Default 0.1.</summary>
    public double AttentionDropout { get; init; } = 0.1;

    /// <summary>LayerNorm epsilon. Default 1e-5.</summary>
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>The feed-forward width actually used.</summary>
    [JsonIgnore]
    public int EffectiveIntermediateSize => IntermediateSize ?? 4 * HiddenSize;

    /// <summary>
    /// The network of the same size as a diffusion denoiser: its hidden width, heads, feed-forward width, dropout and
    /// LayerNorm epsilon; encoder depth = the condition encoder's, decoder depth = the denoiser's; the same embedding
    /// width and position tables.
    /// </summary>
    /// <param name="denoiser">A denoiser configuration, e.g. <c>ModelPreset.Tiny</c>.</param>
    /// <param name="embeddingSize">The width of the token embeddings (384 for MiniLM), or null for the denoiser's.</param>
    public static AutoregressiveConfig FromDenoiser(DenoiserConfig denoiser, int? embeddingSize = null)
    {
        ArgumentNullException.ThrowIfNull(denoiser);
        return new AutoregressiveConfig
        {
            HiddenSize = denoiser.HiddenSize,
            EmbeddingSize = embeddingSize ?? denoiser.EffectiveEmbeddingSize,
            AttentionHeads = denoiser.AttentionHeads,
            EncoderLayers = denoiser.ConditionEncoderLayers,
            DecoderLayers = denoiser.DenoiserLayers,
            IntermediateSize = denoiser.EffectiveIntermediateSize,
            MaxSourceLength = denoiser.MaxSourceLength,
            MaxTargetLength = denoiser.MaxTargetLength,
            Dropout = denoiser.Dropout,
            AttentionDropout = denoiser.AttentionDropout,
            LayerNormEps = denoiser.LayerNormEps,
        };
    }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it and the expected range.</exception>
    public void Validate()
    {
        Require(HiddenSize >= 1, nameof(HiddenSize), "≥ 1", HiddenSize);
        Require(EmbeddingSize >= 1, nameof(EmbeddingSize), "≥ 1", EmbeddingSize);
        Require(AttentionHeads >= 1 && HiddenSize % AttentionHeads == 0, nameof(AttentionHeads), $"≥ 1 and a divisor of HiddenSize ({HiddenSize})", AttentionHeads);
        Require(EncoderLayers >= 1, nameof(EncoderLayers), "≥ 1", EncoderLayers);
        Require(DecoderLayers >= 1, nameof(DecoderLayers), "≥ 1", DecoderLayers);
        Require(EffectiveIntermediateSize >= 1, nameof(IntermediateSize), "≥ 1 or null", EffectiveIntermediateSize);
        Require(TargetVocabularySize >= 2, nameof(TargetVocabularySize), "≥ 2 (the target sub-vocabulary holds at least the end and padding tokens)", TargetVocabularySize);
        Require(MaxSourceLength >= 2, nameof(MaxSourceLength), "≥ 2", MaxSourceLength);
        Require(MaxTargetLength >= 2, nameof(MaxTargetLength), "≥ 2", MaxTargetLength);
        Require(Dropout is >= 0 and < 1, nameof(Dropout), "in [0, 1)", Dropout);
        Require(AttentionDropout is >= 0 and < 1, nameof(AttentionDropout), "in [0, 1)", AttentionDropout);
        Require(LayerNormEps > 0 && double.IsFinite(LayerNormEps), nameof(LayerNormEps), "a positive finite number", LayerNormEps);
    }

    /// <summary>The denoiser configuration whose condition encoder is this network's source encoder (only its encoder fields matter).</summary>
    internal DenoiserConfig SourceEncoderConfig() => new()
    {
        HiddenSize = HiddenSize,
        EmbeddingSize = EmbeddingSize,
        AttentionHeads = AttentionHeads,
        DenoiserLayers = 2,
        IntermediateSize = EffectiveIntermediateSize,
        ConditionEncoderLayers = EncoderLayers,
        MaxSourceLength = MaxSourceLength,
        MaxTargetLength = MaxTargetLength,
        Dropout = Dropout,
        AttentionDropout = AttentionDropout,
        LayerNormEps = LayerNormEps,
    };

    private static void Require(bool ok, string name, string expected, object actual)
    {
        if (!ok)
        {
            throw new ArgumentException($"AutoregressiveConfig.{name} must be {expected}; got {actual}.", name);
        }
    }
}
