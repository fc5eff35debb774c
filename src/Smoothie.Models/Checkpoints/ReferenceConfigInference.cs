using System.Globalization;
using Smoothie.Models.Configuration;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// Reads the shape of the authors' <c>ScoreEstimatorEMB</c> off its state dict: width, depth, feed-forward width,
/// conditioning (a <c>condition_encoder</c>, and <c>sequence_embeddings</c> for concatenation), self-conditioning and the
/// token head. What weights cannot tell — the head count and how the shared position table splits into target and
/// source lengths — the caller gives.
/// </summary>
public static class ReferenceConfigInference
{
    /// <summary>Builds the <see cref="DenoiserConfig.ReferenceCompatible"/> configuration a state dict belongs to.</summary>
    /// <param name="state">The authors' state dict (names → tensors; only shapes are read).</param>
    /// <param name="maxTargetLength">Their <c>max_sequence_len</c> (the target length the model was trained with).</param>
    /// <param name="maxSourceLength">Their <c>max_context_len</c>.</param>
    /// <param name="attentionHeads">Heads per attention layer (12 in their <c>bert-base-cased</c> configuration).</param>
    /// <returns>The configuration; building a <see cref="Denoising.SmoothieDenoiser"/> from it gives exactly the state dict's keys and shapes.</returns>
    /// <exception cref="ArgumentException">The state dict is not the authors' BERT-block model, or the lengths do not fit its position table.</exception>
    public static DenoiserConfig Infer(IReadOnlyDictionary<string, Tensor> state, int maxTargetLength, int maxSourceLength, int attentionHeads = 12)
    {
        ArgumentNullException.ThrowIfNull(state);
        long[] time = Shape(state, "time_emb.0.weight");
        int hidden = checked((int)time[1]);
        int inputBlocks = CountIndexed(state, "encoder.input_blocks.");
        if (inputBlocks == 0 || !state.ContainsKey("position_embeddings.weight"))
        {
            throw new ArgumentException(
                "The state dict is not the authors' BERT-block ScoreEstimatorEMB (no encoder.input_blocks or position_embeddings): "
                + "models trained with --model_type llama (their default) use Llama blocks, which this library does not implement; train with --model_type bert.",
                nameof(state));
        }

        bool conditional = state.Keys.Any(k => k.StartsWith("condition_encoder.", StringComparison.Ordinal));
        bool concatenation = state.ContainsKey("sequence_embeddings.weight");
        var config = new DenoiserConfig
        {
            HiddenSize = hidden,
            AttentionHeads = attentionHeads,
            DenoiserLayers = 2 * inputBlocks,
            IntermediateSize = checked((int)Shape(state, "encoder.input_blocks.0.intermediate.dense.weight")[0]),
            Conditioning = !conditional ? ConditioningMode.None : concatenation ? ConditioningMode.Concatenation : ConditioningMode.CrossAttention,
            UseSelfConditioning = state.Keys.Any(k => k.StartsWith("self_condition_encoder.", StringComparison.Ordinal)),
            TokenHeadVocabularySize = state.TryGetValue("head.weight", out Tensor? head) ? checked((int)head.shape[0]) : null,
            MaxTargetLength = maxTargetLength,
            MaxSourceLength = maxSourceLength,
            ReferenceCompatible = true,
        };
        if (hidden % attentionHeads != 0)
        {
            throw new ArgumentException($"The model is {hidden} wide, which {attentionHeads} heads do not divide; give the head count it was trained with.", nameof(attentionHeads));
        }

        long positions = Shape(state, "position_embeddings.weight")[0];
        if (positions != config.ReferencePositionCount)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The model's position table has {positions} rows, but target length {maxTargetLength} and source length {maxSourceLength} need {config.ReferencePositionCount} "
                    + $"({(concatenation ? "their sum, with concatenation" : "the larger of the two")}); give the max_sequence_len and max_context_len it was trained with."),
                nameof(maxTargetLength));
        }

        config.Validate();
        return config;
    }

    private static long[] Shape(IReadOnlyDictionary<string, Tensor> state, string name) =>
        state.TryGetValue(name, out Tensor? tensor)
            ? tensor.shape
            : throw new ArgumentException($"The state dict has no '{name}'; it is not the authors' BERT-block ScoreEstimatorEMB.", nameof(state));

    private static int CountIndexed(IReadOnlyDictionary<string, Tensor> state, string prefix) =>
        state.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => int.Parse(k.AsSpan(prefix.Length, k.IndexOf('.', prefix.Length) - prefix.Length), CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1)
            .Max() + 1;
}
