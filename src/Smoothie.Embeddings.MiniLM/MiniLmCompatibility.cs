using Smoothie.Embeddings;
using Smoothie.Models.Configuration;

namespace Smoothie.Embeddings.MiniLM;

/// <summary>
/// Checks that a denoiser configuration (and the embedding matrix fed to it) can take all-MiniLM-L6-v2 weights, and
/// explains in one message everything that must change when it cannot.
/// </summary>
internal static class MiniLmCompatibility
{
    private const string Shape = "all-MiniLM-L6-v2 (6 layers, hidden 384, 12 heads, feed-forward 1536, 512 positions)";

    /// <summary>Problems shared by every MiniLM initialisation: block width, heads and feed-forward width.</summary>
    public static List<string> BlockProblems(DenoiserConfig config)
    {
        var problems = new List<string>();
        if (config.HiddenSize != MiniLmBertWeights.Hidden)
        {
            problems.Add($"{nameof(DenoiserConfig.HiddenSize)} must be {MiniLmBertWeights.Hidden} (got {config.HiddenSize})");
        }

        if (config.AttentionHeads != MiniLmBertWeights.Heads)
        {
            problems.Add($"{nameof(DenoiserConfig.AttentionHeads)} must be {MiniLmBertWeights.Heads} (got {config.AttentionHeads})");
        }

        if (config.EffectiveIntermediateSize != MiniLmBertWeights.Intermediate)
        {
            problems.Add($"{nameof(DenoiserConfig.IntermediateSize)} must be {MiniLmBertWeights.Intermediate} (got {config.EffectiveIntermediateSize})");
        }

        return problems;
    }

    /// <summary>Throws when the denoiser blocks cannot take MiniLM layers.</summary>
    public static void RequireDenoiserBlocks(DenoiserConfig config, string paramName)
        => Throw(BlockProblems(config), "the denoiser blocks", paramName);

    /// <summary>Throws when the condition encoder cannot take the first <paramref name="layers"/> MiniLM layers.</summary>
    public static void RequireConditionEncoder(DenoiserConfig config, int layers, string paramName)
    {
        List<string> problems = BlockProblems(config);
        if (!config.IsConditional)
        {
            problems.Add($"{nameof(DenoiserConfig.Conditioning)} must not be {ConditioningMode.None} (the model has no condition encoder)");
        }
        else
        {
            if (config.EffectiveEmbeddingSize != MiniLmEmbeddings.Dimension)
            {
                problems.Add(
                    $"{nameof(DenoiserConfig.EmbeddingSize)} must be {MiniLmEmbeddings.Dimension} (got {config.EffectiveEmbeddingSize}): "
                    + "the pretrained encoder reads MiniLM's own 384-wide word embeddings, without an input projection");
            }

            if (config.MaxSourceLength > MiniLmBertWeights.MaxPositions)
            {
                problems.Add($"{nameof(DenoiserConfig.MaxSourceLength)} must be at most {MiniLmBertWeights.MaxPositions} (got {config.MaxSourceLength})");
            }

            if (layers > config.ConditionEncoderLayers)
            {
                problems.Add($"{nameof(DenoiserConfig.ConditionEncoderLayers)} must be at least {layers} to take {layers} MiniLM layers (got {config.ConditionEncoderLayers})");
            }
        }

        Throw(problems, "the condition encoder", paramName);
    }

    /// <summary>
    /// Throws unless <paramref name="embeddings"/> is MiniLM's word-embedding matrix and the model's source-embedding
    /// de-normalisation undoes exactly its normalisation.
    /// </summary>
    public static void RequireSourceEmbeddings(DenoiserConfig config, EmbeddingMatrix embeddings, string paramName)
    {
        if (embeddings.Source != MiniLmResources.SourceName || embeddings.Dimension != MiniLmEmbeddings.Dimension)
        {
            throw new ArgumentException(
                $"The pretrained condition encoder needs MiniLM's word embeddings ('{MiniLmResources.SourceName}', width {MiniLmEmbeddings.Dimension}); "
                + $"the embedding matrix is '{embeddings.Source}' of width {embeddings.Dimension}. Build E from MiniLmEmbeddings.Load().",
                paramName);
        }

        (double scale, double shift) = SourceDenormalization(embeddings, paramName);
        if (!Close(config.SourceEmbeddingScale, scale) || !Close(config.SourceEmbeddingShift, shift))
        {
            throw new ArgumentException(
                $"E was normalised with {embeddings.Normalization} (s = {scale:R}, m = {shift:R}), but the model's source-embedding "
                + $"de-normalisation is s = {config.SourceEmbeddingScale:R}, m = {config.SourceEmbeddingShift:R}: the pretrained encoder would not "
                + $"see MiniLM's raw embeddings. Build the model from MiniLmInitializer.WithSourceDenormalization(config, E) "
                + $"(sets {nameof(DenoiserConfig.SourceEmbeddingScale)} and {nameof(DenoiserConfig.SourceEmbeddingShift)}).",
                paramName);
        }
    }

    /// <summary>The (scale, shift) that maps rows of <paramref name="embeddings"/> back to the raw table.</summary>
    public static (double Scale, double Shift) SourceDenormalization(EmbeddingMatrix embeddings, string paramName)
    {
        return embeddings.Normalization switch
        {
            EmbeddingNormalization.None => (1.0, 0.0),
            EmbeddingNormalization.Total => (embeddings.NormalizationStd[0], embeddings.NormalizationMean[0]),
            _ => throw new ArgumentException(
                $"E was normalised with {embeddings.Normalization}; the condition encoder's source-embedding de-normalisation is one "
                + $"scalar scale and shift, so it can undo only {EmbeddingNormalization.Total} or {EmbeddingNormalization.None} normalisation. "
                + "Build E with EmbeddingMatrixOptions.Normalization = Total (the paper's default) to use a pretrained condition encoder.",
                paramName),
        };
    }

    private static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 1e-9 * Math.Max(1.0, Math.Abs(expected));

    private static void Throw(List<string> problems, string what, string paramName)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The model's {what} cannot be initialised from {Shape}: {string.Join("; ", problems)}. "
                + $"Start from {nameof(ModelPreset)}.{nameof(ModelPreset.SmallPretrained)}, which fits.",
                paramName);
        }
    }
}
