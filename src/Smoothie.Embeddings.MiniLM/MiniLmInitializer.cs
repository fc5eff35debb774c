using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.MiniLM;

/// <summary>
/// Initialises a <see cref="SmoothieDenoiser"/> from all-MiniLM-L6-v2 (<see cref="MiniLmBertWeights"/>), so that training
/// on a CPU starts from pretrained language knowledge instead of noise (docs/model.md, "Pretrained initialisation from
/// MiniLM"). Needs a MiniLM-shaped model (h = 384, 12 heads, FFN 1536; <see cref="ModelPreset.SmallPretrained"/>).
/// </summary>
/// <remarks>
/// <para>
/// Condition encoder (<see cref="InitializeConditionEncoder"/>): MiniLM layer i → <c>condition_encoder.blocks.{i}</c>
/// for the first k layers; positions 0..S−1 of <c>embeddings.position_embeddings</c> plus the token-type-0 embedding
/// (BERT adds it to every token of a single-segment input; as a constant it folds into the positions) →
/// <c>condition_encoder.position_embeddings</c>; <c>embeddings.LayerNorm</c> → <c>condition_encoder.LayerNorm</c>. With
/// the de-normalisation of <see cref="WithSourceDenormalization"/> the encoder then computes BERT's
/// <c>last_hidden_state</c> of the source from the normalised E the pipeline passes.
/// </para>
/// <para>
/// Denoiser blocks (<see cref="InitializeDenoiserBlocks"/>): the k-th block of the stack, counting the L/2 input blocks
/// first and then the L/2 output blocks, takes MiniLM layer <c>k mod 6</c> (<see cref="DenoiserSourceLayer"/>): with
/// <see cref="ModelPreset.SmallPretrained"/> (3 + 3) input blocks 0..2 ← layers 0..2 and output blocks 0..2 ← layers
/// 3..5, so the stack runs MiniLM's layers in order. Self-attention, intermediate, output and both LayerNorms are copied;
/// cross-attention, time layers, time MLP and target positions keep their fresh initialisation.
/// </para>
/// </remarks>
public static class MiniLmInitializer
{
    /// <summary>
    /// The configuration with the source-embedding de-normalisation that undoes the normalisation of
    /// <paramref name="embeddings"/> (<see cref="DenoiserConfig.SourceEmbeddingScale"/> = s,
    /// <see cref="DenoiserConfig.SourceEmbeddingShift"/> = m for <see cref="EmbeddingNormalization.Total"/>; identity for
    /// <see cref="EmbeddingNormalization.None"/>). Build the model from it before <see cref="InitializeConditionEncoder"/>.
    /// </summary>
    /// <param name="config">The model configuration, e.g. <see cref="ModelPreset.SmallPretrained"/>.</param>
    /// <param name="embeddings">The embedding matrix E the pipeline will pass to the model.</param>
    /// <returns>A copy of <paramref name="config"/> with the two de-normalisation fields set.</returns>
    /// <exception cref="ArgumentException">E was normalised per feature (a scalar affine map cannot undo it).</exception>
    public static DenoiserConfig WithSourceDenormalization(DenoiserConfig config, EmbeddingMatrix embeddings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(embeddings);
        (double scale, double shift) = MiniLmCompatibility.SourceDenormalization(embeddings, nameof(embeddings));
        return config with { SourceEmbeddingScale = scale, SourceEmbeddingShift = shift };
    }

    /// <summary>
    /// Copies MiniLM's embedding LayerNorm, positions and first <paramref name="layers"/> layers into the condition
    /// encoder (see the class remarks); blocks beyond <paramref name="layers"/> are left as they are.
    /// </summary>
    /// <param name="model">A conditional model with h = d = 384, 12 heads, FFN 1536 and at most 512 source positions.</param>
    /// <param name="layers">How many MiniLM layers to copy (into blocks 0..k−1), 1..6; null (default) = every condition block.</param>
    /// <param name="freeze">When true the copied parameters get <c>requires_grad = false</c> (the rest of the model still trains); when false they are trainable.</param>
    /// <param name="sourceEmbeddings">
    /// Optional: the E the pipeline will pass. When given, it must be MiniLM's word embeddings and the model's
    /// de-normalisation must undo its normalisation (see <see cref="WithSourceDenormalization"/>); otherwise an error.
    /// </param>
    /// <param name="weights">Pre-imported <see cref="MiniLmBertWeights.Import"/> output (to parse the 91 MB model once); null imports it.</param>
    /// <returns>The names of the model parameters that were overwritten.</returns>
    /// <exception cref="ArgumentException">The model, <paramref name="layers"/> or <paramref name="sourceEmbeddings"/> do not fit MiniLM; the message says what must change.</exception>
    public static IReadOnlyList<string> InitializeConditionEncoder(
        SmoothieDenoiser model,
        int? layers = null,
        bool freeze = false,
        EmbeddingMatrix? sourceEmbeddings = null,
        IReadOnlyDictionary<string, (float[] Data, long[] Shape)>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        DenoiserConfig config = model.Config;
        int count = layers ?? config.ConditionEncoderLayers;
        if (count < 1 || count > MiniLmBertWeights.LayerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(layers), count, $"MiniLM has {MiniLmBertWeights.LayerCount} layers: copy between 1 and {MiniLmBertWeights.LayerCount} of them.");
        }

        MiniLmCompatibility.RequireConditionEncoder(config, count, nameof(model));
        if (sourceEmbeddings is not null)
        {
            MiniLmCompatibility.RequireSourceEmbeddings(config, sourceEmbeddings, nameof(sourceEmbeddings));
        }

        TorchSharpRuntime.EnsureLoaded();
        weights ??= MiniLmBertWeights.Import();
        var assignments = new List<(string Target, float[] Data, long[] Shape)>();
        (float[] positions, _) = Require(weights, "embeddings.position_embeddings.weight");
        (float[] tokenTypes, _) = Require(weights, "embeddings.token_type_embeddings.weight");
        int hidden = MiniLmBertWeights.Hidden;
        int sourceLength = config.MaxSourceLength;
        var folded = new float[sourceLength * hidden];
        for (int p = 0; p < sourceLength; p++)
        {
            for (int c = 0; c < hidden; c++)
            {
                folded[(p * hidden) + c] = positions[(p * hidden) + c] + tokenTypes[c];
            }
        }

        assignments.Add(("condition_encoder.position_embeddings.weight", folded, [sourceLength, hidden]));
        foreach (string part in new[] { "weight", "bias" })
        {
            (float[] data, long[] shape) = Require(weights, "embeddings.LayerNorm." + part);
            assignments.Add(("condition_encoder.LayerNorm." + part, data, shape));
        }

        for (int i = 0; i < count; i++)
        {
            AddLayer(assignments, weights, i, $"condition_encoder.blocks.{i}.");
        }

        return Apply(model, assignments, trainable: !freeze);
    }

    /// <summary>
    /// Copies MiniLM layers into every denoiser block's self-attention, intermediate and output sub-layers (with their
    /// LayerNorms); block k of the stack (input blocks first) takes layer <see cref="DenoiserSourceLayer"/>(k).
    /// Cross-attention and time layers are not touched. The copied parameters stay trainable.
    /// </summary>
    /// <param name="model">A model with h = 384, 12 heads and FFN 1536.</param>
    /// <param name="weights">Pre-imported <see cref="MiniLmBertWeights.Import"/> output; null imports it.</param>
    /// <returns>The names of the model parameters that were overwritten.</returns>
    /// <exception cref="ArgumentException">The model's blocks are not MiniLM-shaped; the message says what must change.</exception>
    public static IReadOnlyList<string> InitializeDenoiserBlocks(
        SmoothieDenoiser model,
        IReadOnlyDictionary<string, (float[] Data, long[] Shape)>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        DenoiserConfig config = model.Config;
        MiniLmCompatibility.RequireDenoiserBlocks(config, nameof(model));
        TorchSharpRuntime.EnsureLoaded();
        weights ??= MiniLmBertWeights.Import();
        int half = config.DenoiserLayers / 2;
        var assignments = new List<(string Target, float[] Data, long[] Shape)>();
        for (int k = 0; k < config.DenoiserLayers; k++)
        {
            string prefix = k < half ? $"encoder.input_blocks.{k}." : $"encoder.output_blocks.{k - half}.";
            AddLayer(assignments, weights, DenoiserSourceLayer(k), prefix);
        }

        return Apply(model, assignments, trainable: true);
    }

    /// <summary>The MiniLM layer that initialises block <paramref name="stackIndex"/> of the denoiser stack: <c>stackIndex mod 6</c>.</summary>
    /// <param name="stackIndex">0..L−1; input blocks are 0..L/2−1, output block j is L/2 + j.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stackIndex"/> is negative.</exception>
    public static int DenoiserSourceLayer(int stackIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stackIndex);
        return stackIndex % MiniLmBertWeights.LayerCount;
    }

    private static void AddLayer(
        List<(string Target, float[] Data, long[] Shape)> assignments,
        IReadOnlyDictionary<string, (float[] Data, long[] Shape)> weights,
        int layer,
        string targetPrefix)
    {
        foreach (string name in BertOnnxWeightImporter.LayerParameterNames)
        {
            (float[] data, long[] shape) = Require(weights, $"encoder.layer.{layer}.{name}");
            assignments.Add((targetPrefix + name, data, shape));
        }
    }

    private static (float[] Data, long[] Shape) Require(IReadOnlyDictionary<string, (float[] Data, long[] Shape)> weights, string name)
    {
        if (!weights.TryGetValue(name, out (float[] Data, long[] Shape) found))
        {
            throw new ArgumentException($"The MiniLM weights have no '{name}'; pass the output of {nameof(MiniLmBertWeights)}.{nameof(MiniLmBertWeights.Import)}().", nameof(weights));
        }

        return found;
    }

    private static IReadOnlyList<string> Apply(SmoothieDenoiser model, List<(string Target, float[] Data, long[] Shape)> assignments, bool trainable)
    {
        Dictionary<string, Parameter> parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach ((string target, _, long[] shape) in assignments)
        {
            if (!parameters.TryGetValue(target, out Parameter? parameter))
            {
                throw new InvalidOperationException($"The model has no parameter '{target}' to initialise from MiniLM (unexpected model layout).");
            }

            if (!parameter.shape.SequenceEqual(shape))
            {
                throw new InvalidOperationException(
                    $"The model parameter '{target}' is [{string.Join(", ", parameter.shape)}]; the MiniLM tensor is [{string.Join(", ", shape)}].");
            }
        }

        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            foreach ((string target, float[] data, long[] shape) in assignments)
            {
                Parameter parameter = parameters[target];
                parameter.copy_(tensor(data, shape, ScalarType.Float32));
                parameter.requires_grad = trainable;
            }
        }

        return assignments.Select(a => a.Target).ToArray();
    }
}
