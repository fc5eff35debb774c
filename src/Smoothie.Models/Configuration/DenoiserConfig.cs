namespace Smoothie.Models.Configuration;

/// <summary>
/// Shape and options of a <see cref="Denoising.SmoothieDenoiser"/> (SPEC §3). Immutable; derive variants field by field
/// with a with-expression, e.g. <c>ModelPreset.Tiny with { UseSelfConditioning = true }</c>.
/// Call <see cref="Validate"/> (the denoiser's constructor does) to check the combination.
/// </summary>
public sealed record DenoiserConfig
{
    /// <summary>Condition-encoder depth of the authors' model (hard-coded there).</summary>
    public const int ReferenceConditionEncoderLayers = 6;

    /// <summary>Self-condition-encoder depth of the authors' model (hard-coded there).</summary>
    public const int ReferenceSelfConditionEncoderLayers = 3;

    /// <summary>Hidden width h of every transformer block. Default 768.</summary>
    public int HiddenSize { get; init; } = 768;

    /// <summary>
    /// Width d of the token embeddings the model reads and predicts; <see langword="null"/> means d = h.
    /// When d ≠ h the model adds <c>input_projection</c> (d→h) and <c>output_projection</c> (h→d).
    /// </summary>
    public int? EmbeddingSize { get; init; }

    /// <summary>Number of attention heads; must divide <see cref="HiddenSize"/>. Default 12.</summary>
    public int AttentionHeads { get; init; } = 12;

    /// <summary>Number of denoiser blocks L, split into L/2 input and L/2 output blocks; must be even and positive. Default 12.</summary>
    public int DenoiserLayers { get; init; } = 12;

    /// <summary>Width of the feed-forward layer; <see langword="null"/> means 4h.</summary>
    public int? IntermediateSize { get; init; }

    /// <summary>Number of BERT blocks of the condition encoder (ignored when <see cref="Conditioning"/> is <see cref="ConditioningMode.None"/>). Default 6.</summary>
    public int ConditionEncoderLayers { get; init; } = 6;

    /// <summary>How the source conditions the denoiser. Default <see cref="ConditioningMode.CrossAttention"/>.</summary>
    public ConditioningMode Conditioning { get; init; } = ConditioningMode.CrossAttention;

    /// <summary>Whether the self-conditioning encoder and per-layer projections exist. Default off (the paper found little gain).</summary>
    public bool UseSelfConditioning { get; init; }

    /// <summary>Number of BERT blocks of the self-conditioning encoder. Default 3.</summary>
    public int SelfConditionEncoderLayers { get; init; } = 3;

    /// <summary>Maximum target length (rows of <c>position_embeddings</c>). Default 64.</summary>
    public int MaxTargetLength { get; init; } = 64;

    /// <summary>Maximum source length (rows of <c>condition_encoder.position_embeddings</c>). Default 512.</summary>
    public int MaxSourceLength { get; init; } = 512;

    /// <summary>
    /// Scale <c>s</c> of the optional source-embedding de-normalisation: the condition encoder reads source rows of E as
    /// <c>E_w · s + m</c> (<see cref="SourceEmbeddingShift"/> = <c>m</c>) before anything else. The pipeline passes the
    /// <em>normalised</em> E (<c>(E − m) / s</c>); a condition encoder initialised from pretrained weights (MiniLM) must see
    /// the raw embeddings it was trained on, so set <c>s</c>, <c>m</c> to the normalisation statistics of E. Default 1
    /// (together with a shift of 0: identity, the reference behaviour). Must be positive and finite.
    /// </summary>
    public double SourceEmbeddingScale { get; init; } = 1.0;

    /// <summary>
    /// Shift <c>m</c> of the source-embedding de-normalisation (see <see cref="SourceEmbeddingScale"/>). Default 0.
    /// Must be finite.
    /// </summary>
    public double SourceEmbeddingShift { get; init; }

    /// <summary>Whether the source-embedding de-normalisation is not the identity.</summary>
    public bool HasSourceEmbeddingDenormalization => SourceEmbeddingScale != 1.0 || SourceEmbeddingShift != 0.0;

    /// <summary>Hidden-state dropout probability in [0, 1). Default 0.1.</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Attention-probability dropout in [0, 1). Default 0.1.</summary>
    public double AttentionDropout { get; init; } = 0.1;

    /// <summary>LayerNorm epsilon. Default 1e-5.</summary>
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>
    /// Vocabulary size V of the optional token head (<c>token_head</c>, h→V), needed by the simplex space;
    /// <see langword="null"/> (default) means the model predicts embeddings instead of logits.
    /// </summary>
    public int? TokenHeadVocabularySize { get; init; }

    /// <summary>
    /// Adds a learned, time-gated skip from the input to the prediction: <c>x̂0 = F(x, t, source) + g(t)·x</c> with
    /// <c>g(t) = sigmoid(input_skip_gate(emb_t))</c> (EDM's c_skip, learned instead of derived from the schedule).
    /// At small t the input already shows the clean embedding, and the network only has to learn the correction.
    /// Needs an embedding-predicting model (no token head). Default off (the paper's model).
    /// </summary>
    public bool InputSkip { get; init; }

    /// <summary>
    /// Adds a copy head (a pointer-generator for embeddings): each target position attends over the encoded source
    /// (<c>copy_query</c>, <c>copy_key</c>) and mixes the attended source tokens' embeddings into its prediction,
    /// <c>x̂0 = (1 − c)·F + c·Σ_j a_j·E_{source_j}</c> with <c>c = sigmoid(copy_gate(hidden))</c>. Sequence-to-sequence
    /// tasks whose targets reuse most source words (paraphrase, modernisation, simplification) no longer have to learn to
    /// reproduce each word through the d → h → d bottleneck. Needs a conditional, embedding-predicting model (no token
    /// head). Default off (the paper's model).
    /// </summary>
    public bool CopyHead { get; init; }

    /// <summary>
    /// Whether the condition encoder adds the denoiser's own position embeddings to the source (one table of
    /// <c>max(MaxTargetLength, MaxSourceLength)</c> rows for target and source, as the authors' model has it), so that
    /// target position k and source position k start with the same position vector and cross-attention can align them
    /// from the first step; off = the condition encoder learns its own table. Needs cross-attention conditioning.
    /// Reference-compatible models always share. Default off (models saved before issue 28 load unchanged).
    /// </summary>
    public bool SharedSourcePositions { get; init; }

    /// <summary>Rows of the denoiser's position table outside reference-compatible mode.</summary>
    internal int OwnPositionCount => SharedSourcePositions && IsConditional ? Math.Max(MaxTargetLength, MaxSourceLength) : MaxTargetLength;

    /// <summary>
    /// Target slots per source position for the source-aligned target layout (<c>Smoothie.Text.Layout.SourceAlignedLayout</c>),
    /// or 0 (default, the paper's free layout). When set, the target has exactly this many slots per source position
    /// (target length = slots × source length) and target slot i belongs to source position <c>i / slots</c>: the encoded
    /// source at that position is added to the slot's input (<c>aligned_source</c>), and with <see cref="CopyHead"/> the
    /// copy attention gets a learned bias over the offset <c>j − i / slots</c> (<c>copy_offset_bias</c>, ±<see cref="AlignedCopyWindow"/>,
    /// starting at −2·|offset|), so copying the aligned source token is what an untrained model already does.
    /// Needs a conditional model.
    /// </summary>
    public int AlignedSlotsPerSourceToken { get; init; }

    /// <summary>The offsets ±W the aligned copy bias distinguishes (larger offsets share the bias of ±W). Default 8.</summary>
    public int AlignedCopyWindow { get; init; } = 8;

    /// <summary>Whether the target is laid out against the source (<see cref="AlignedSlotsPerSourceToken"/> &gt; 0).</summary>
    public bool IsSourceAligned => AlignedSlotsPerSourceToken > 0;

    /// <summary>
    /// Factor applied to t ∈ [0, 1] before the sinusoidal time embedding. Default 1 (t is embedded as is, as in the
    /// reference); 1000 spreads the frequencies like discrete-step models.
    /// </summary>
    public double TimeEmbeddingScale { get; init; } = 1.0;

    /// <summary>Maximum period of the sinusoidal time embedding. Default 10000.</summary>
    public double TimeEmbeddingMaxPeriod { get; init; } = 10_000;

    /// <summary>
    /// Computes exactly the forward of the authors' PyTorch <c>ScoreEstimatorEMB</c> (BERT blocks, repository
    /// <c>ashaba1in/smoothie</c>, transformers 4.37 semantics) and uses exactly its <c>state_dict</c> names and shapes, so
    /// checkpoints of their trainer load strictly here and checkpoints saved here load strictly there. Default off.
    /// What changes when on: one <c>position_embeddings</c> table of <see cref="ReferencePositionCount"/> rows is shared by
    /// the target, the condition and the self-condition (the condition encoder has no positions or LayerNorm of its own and
    /// reads <c>E[source] + positions</c>); no dropout after the input positions; the cross-attention attends to every
    /// source position, padding included (4.37's <c>BertSelfAttention</c> drops the mask passed to cross-attention), while
    /// the condition encoder's self-attention masks source padding; with concatenation the target comes first,
    /// <c>sequence_embeddings</c> (2 rows) mark target and source, and the time embedding is added to the first
    /// <see cref="MaxTargetLength"/> positions only; the token head is called <c>head</c>. Needs d = h, 6 condition blocks,
    /// 3 self-condition blocks, time scale 1, and none of this library's additions (copy head, input skip, aligned layout,
    /// source de-normalisation); self-conditioning with concatenation is rejected because the authors' code cannot run it.
    /// </summary>
    public bool ReferenceCompatible { get; init; }

    /// <summary>
    /// Rows of the shared <c>position_embeddings</c> table (and of <c>position_ids</c>) of a <see cref="ReferenceCompatible"/>
    /// model: <c>MaxTargetLength + MaxSourceLength</c> with concatenation, otherwise <c>max(MaxTargetLength, MaxSourceLength)</c>
    /// (the authors' <c>_max_position_embeddings</c>).
    /// </summary>
    public int ReferencePositionCount => Conditioning == ConditioningMode.Concatenation
        ? MaxTargetLength + MaxSourceLength
        : Math.Max(MaxTargetLength, MaxSourceLength);

    /// <summary>The embedding width d actually used (<see cref="EmbeddingSize"/> or h).</summary>
    public int EffectiveEmbeddingSize => EmbeddingSize ?? HiddenSize;

    /// <summary>The feed-forward width actually used (<see cref="IntermediateSize"/> or 4h).</summary>
    public int EffectiveIntermediateSize => IntermediateSize ?? 4 * HiddenSize;

    /// <summary>Whether the model has input/output projections (d ≠ h).</summary>
    public bool HasProjections => EffectiveEmbeddingSize != HiddenSize;

    /// <summary>Whether a source sequence is required (conditioning is not <see cref="ConditioningMode.None"/>).</summary>
    public bool IsConditional => Conditioning != ConditioningMode.None;

    /// <summary>Checks every field and their combination.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it and the expected range.</exception>
    public void Validate()
    {
        ValidateSizes();
        ValidateConditioning();
        RequirePositive(MaxTargetLength, nameof(MaxTargetLength));
        RequireProbability(Dropout, nameof(Dropout));
        RequireProbability(AttentionDropout, nameof(AttentionDropout));
        if (!(LayerNormEps > 0) || !double.IsFinite(LayerNormEps))
        {
            throw new ArgumentException($"{nameof(LayerNormEps)} must be a positive finite number, got {LayerNormEps}.", nameof(LayerNormEps));
        }

        ValidateHeads();
        if (ReferenceCompatible)
        {
            ValidateReferenceCompatible();
        }

        ValidateTimeEmbedding();
    }

    /// <summary>The widths and depths: positive, heads dividing the hidden size, an even number of denoiser layers.</summary>
    private void ValidateSizes()
    {
        RequirePositive(HiddenSize, nameof(HiddenSize));
        RequirePositive(AttentionHeads, nameof(AttentionHeads));
        if (HiddenSize % AttentionHeads != 0)
        {
            throw new ArgumentException(
                $"{nameof(HiddenSize)} ({HiddenSize}) must be divisible by {nameof(AttentionHeads)} ({AttentionHeads}).",
                nameof(AttentionHeads));
        }

        if (EmbeddingSize is { } d)
        {
            RequirePositive(d, nameof(EmbeddingSize));
        }

        RequirePositive(DenoiserLayers, nameof(DenoiserLayers));
        if (DenoiserLayers % 2 != 0)
        {
            throw new ArgumentException(
                $"{nameof(DenoiserLayers)} must be even (L/2 input and L/2 output blocks), got {DenoiserLayers}.",
                nameof(DenoiserLayers));
        }

        if (IntermediateSize is { } ffn)
        {
            RequirePositive(ffn, nameof(IntermediateSize));
        }
    }

    /// <summary>The conditioning on a source (mode, encoder depth, source length and scaling) and on the previous estimate.</summary>
    private void ValidateConditioning()
    {
        if (!Enum.IsDefined(Conditioning))
        {
            throw new ArgumentException($"{nameof(Conditioning)} has the undefined value {(int)Conditioning}.", nameof(Conditioning));
        }

        if (IsConditional)
        {
            RequirePositive(ConditionEncoderLayers, nameof(ConditionEncoderLayers));
            RequirePositive(MaxSourceLength, nameof(MaxSourceLength));
        }

        if (!(SourceEmbeddingScale > 0) || !double.IsFinite(SourceEmbeddingScale))
        {
            throw new ArgumentException($"{nameof(SourceEmbeddingScale)} must be a positive finite number, got {SourceEmbeddingScale}.", nameof(SourceEmbeddingScale));
        }

        if (!double.IsFinite(SourceEmbeddingShift))
        {
            throw new ArgumentException($"{nameof(SourceEmbeddingShift)} must be a finite number, got {SourceEmbeddingShift}.", nameof(SourceEmbeddingShift));
        }

        if (UseSelfConditioning)
        {
            RequirePositive(SelfConditionEncoderLayers, nameof(SelfConditionEncoderLayers));
        }
    }

    /// <summary>The output heads and what they combine with: token head, input skip, copy head, source-aligned layout.</summary>
    private void ValidateHeads()
    {
        if (TokenHeadVocabularySize is { } v)
        {
            RequirePositive(v, nameof(TokenHeadVocabularySize));
            if (InputSkip)
            {
                throw new ArgumentException(
                    $"{nameof(InputSkip)} adds the input to a predicted embedding; a model with a token head ({nameof(TokenHeadVocabularySize)} = {v}, the simplex space) predicts logits. Turn one of them off.",
                    nameof(InputSkip));
            }
        }

        if (CopyHead && (!IsConditional || TokenHeadVocabularySize is not null))
        {
            throw new ArgumentException(
                $"{nameof(CopyHead)} copies source embeddings into a predicted embedding: it needs a conditional model ({nameof(Conditioning)} is {Conditioning}) without a token head ({nameof(TokenHeadVocabularySize)} is {(TokenHeadVocabularySize is { } heads ? heads : "null")}).",
                nameof(CopyHead));
        }

        if (SharedSourcePositions && Conditioning != ConditioningMode.CrossAttention)
        {
            throw new ArgumentException(
                $"{nameof(SharedSourcePositions)} adds the target's position table to the source that cross-attention reads; it needs {nameof(Conditioning)} = {ConditioningMode.CrossAttention}, got {Conditioning}.",
                nameof(SharedSourcePositions));
        }

        if (AlignedSlotsPerSourceToken < 0 || (IsSourceAligned && !IsConditional))
        {
            throw new ArgumentException(
                $"{nameof(AlignedSlotsPerSourceToken)} must be 0 (free layout) or a positive number of slots for a conditional model; got {AlignedSlotsPerSourceToken} with {nameof(Conditioning)} {Conditioning}.",
                nameof(AlignedSlotsPerSourceToken));
        }

        RequirePositive(AlignedCopyWindow, nameof(AlignedCopyWindow));
    }

    /// <summary>The sinusoidal time embedding: a positive scale and a period above 1.</summary>
    private void ValidateTimeEmbedding()
    {
        if (!(TimeEmbeddingScale > 0) || !double.IsFinite(TimeEmbeddingScale))
        {
            throw new ArgumentException($"{nameof(TimeEmbeddingScale)} must be a positive finite number, got {TimeEmbeddingScale}.", nameof(TimeEmbeddingScale));
        }

        if (!(TimeEmbeddingMaxPeriod > 1) || !double.IsFinite(TimeEmbeddingMaxPeriod))
        {
            throw new ArgumentException($"{nameof(TimeEmbeddingMaxPeriod)} must be a finite number > 1, got {TimeEmbeddingMaxPeriod}.", nameof(TimeEmbeddingMaxPeriod));
        }
    }

    /// <summary>The authors' model has fixed depths, no projections and none of this library's additions.</summary>
    private void ValidateReferenceCompatible()
    {
        var conflicts = new List<string>();
        if (HasProjections)
        {
            conflicts.Add($"{nameof(EmbeddingSize)} ({EffectiveEmbeddingSize}) must equal {nameof(HiddenSize)} ({HiddenSize}): the authors' model adds x_t to the hidden state without a projection");
        }

        if (IsConditional && ConditionEncoderLayers != ReferenceConditionEncoderLayers)
        {
            conflicts.Add($"{nameof(ConditionEncoderLayers)} must be {ReferenceConditionEncoderLayers} (fixed in the authors' code), got {ConditionEncoderLayers}");
        }

        if (UseSelfConditioning && SelfConditionEncoderLayers != ReferenceSelfConditionEncoderLayers)
        {
            conflicts.Add($"{nameof(SelfConditionEncoderLayers)} must be {ReferenceSelfConditionEncoderLayers} (fixed in the authors' code), got {SelfConditionEncoderLayers}");
        }

        if (UseSelfConditioning && Conditioning == ConditioningMode.Concatenation)
        {
            conflicts.Add($"{nameof(UseSelfConditioning)} cannot be combined with concatenation: the authors' forward adds the [B, L, h] self-condition to the [B, L + S, h] joined sequence, which PyTorch rejects");
        }

        if (CopyHead)
        {
            conflicts.Add($"{nameof(CopyHead)} must be off (a library addition)");
        }

        if (InputSkip)
        {
            conflicts.Add($"{nameof(InputSkip)} must be off (a library addition)");
        }

        if (IsSourceAligned)
        {
            conflicts.Add($"{nameof(AlignedSlotsPerSourceToken)} must be 0 (the aligned layout is a library addition)");
        }

        if (HasSourceEmbeddingDenormalization)
        {
            conflicts.Add($"{nameof(SourceEmbeddingScale)}/{nameof(SourceEmbeddingShift)} must be 1/0 (a library addition)");
        }

        if (TimeEmbeddingScale != 1.0)
        {
            conflicts.Add($"{nameof(TimeEmbeddingScale)} must be 1 (the authors embed t in [0, 1]), got {TimeEmbeddingScale}");
        }

        if (conflicts.Count > 0)
        {
            throw new ArgumentException(
                $"{nameof(ReferenceCompatible)} asks for the authors' exact model, which this configuration cannot be: {string.Join("; ", conflicts)}.",
                nameof(ReferenceCompatible));
        }
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, got {value}.", name);
        }
    }

    private static void RequireProbability(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentException($"{name} must be in [0, 1), got {value}.", name);
        }
    }
}
