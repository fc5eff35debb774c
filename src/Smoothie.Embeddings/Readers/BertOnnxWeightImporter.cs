using System.Text.RegularExpressions;

namespace Smoothie.Embeddings.Readers;

/// <summary>
/// Recovers a BERT encoder's named weights (PyTorch <c>state_dict</c> names and layout) from an ONNX export such as
/// all-MiniLM-L6-v2's. Biases, LayerNorms and embeddings keep their names in the export; the Linear weight matrices
/// are anonymous MatMul initializers stored <c>[in, out]</c>. Each is identified by following the graph from
/// <c>MatMul(x, W)</c> to the <c>Add</c> that adds a named bias (<c>….query.bias</c> → <c>….query.weight</c>), and
/// transposed to PyTorch's <c>[out, in]</c>.
/// </summary>
public static partial class BertOnnxWeightImporter
{
    /// <summary>The per-layer parameter names (after <c>encoder.layer.{i}.</c>) of a BERT block.</summary>
    public static readonly IReadOnlyList<string> LayerParameterNames =
    [
        "attention.self.query.weight", "attention.self.query.bias",
        "attention.self.key.weight", "attention.self.key.bias",
        "attention.self.value.weight", "attention.self.value.bias",
        "attention.output.dense.weight", "attention.output.dense.bias",
        "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense.weight", "intermediate.dense.bias",
        "output.dense.weight", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias",
    ];

    /// <summary>The embedding-level parameter names imported besides the layers (the word embeddings only on request).</summary>
    public static readonly IReadOnlyList<string> EmbeddingParameterNames =
    [
        "embeddings.position_embeddings.weight",
        "embeddings.token_type_embeddings.weight",
        "embeddings.LayerNorm.weight",
        "embeddings.LayerNorm.bias",
    ];

    /// <summary>Imports the encoder weights.</summary>
    /// <param name="model">The parsed ONNX export of a BERT model.</param>
    /// <param name="includeWordEmbeddings">Also import <c>embeddings.word_embeddings.weight</c> (large; usually taken from <see cref="TokenEmbeddings"/>).</param>
    /// <returns>Name → (row-major values, shape), Linear weights as <c>[out, in]</c>; every layer complete.</returns>
    /// <exception cref="InvalidDataException">A parameter is missing or ambiguous; the message names it and the model.</exception>
    public static Dictionary<string, (float[] Data, long[] Shape)> Import(OnnxModelFile model, bool includeWordEmbeddings = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        var weights = new Dictionary<string, (float[] Data, long[] Shape)>(StringComparer.Ordinal);
        foreach (OnnxInitializer initializer in model.Initializers)
        {
            bool wanted = LayerParameter().IsMatch(initializer.Name)
                || EmbeddingParameterNames.Contains(initializer.Name)
                || (includeWordEmbeddings && initializer.Name == "embeddings.word_embeddings.weight");
            if (wanted && initializer.DataType != OnnxInitializer.Int64)
            {
                NamedTensor tensor = initializer.ToTensor();
                weights[initializer.Name] = (tensor.Data, tensor.Shape);
            }
        }

        ImportMatMulWeights(model, weights);

        int layers = weights.Keys.Select(k => LayerParameter().Match(k)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
        var missing = new List<string>();
        for (int layer = 0; layer < layers; layer++)
        {
            missing.AddRange(LayerParameterNames.Select(p => $"encoder.layer.{layer}.{p}").Where(n => !weights.ContainsKey(n)));
        }

        missing.AddRange(EmbeddingParameterNames.Where(n => !weights.ContainsKey(n)));
        if (layers == 0 || missing.Count > 0)
        {
            throw new InvalidDataException(
                $"'{model.Source}' is not a complete BERT encoder export: found {layers} layers; missing "
                + (missing.Count > 0 ? ReaderMessages.ListNames(missing) : "all encoder.layer.* parameters") + ".");
        }

        return weights;
    }

    private static void ImportMatMulWeights(OnnxModelFile model, Dictionary<string, (float[] Data, long[] Shape)> weights)
    {
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        foreach (OnnxNode node in model.Nodes)
        {
            foreach (string input in node.Inputs)
            {
                if (!consumers.TryGetValue(input, out List<OnnxNode>? list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        foreach (OnnxNode matMul in model.Nodes.Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && n.Outputs.Count == 1))
        {
            if (!model.TryGetInitializer(matMul.Inputs[1], out OnnxInitializer matrix) || matrix.Shape.Length != 2)
            {
                continue;
            }

            foreach (OnnxNode add in consumers.GetValueOrDefault(matMul.Outputs[0]) ?? [])
            {
                if (add.OpType != "Add")
                {
                    continue;
                }

                string? bias = add.Inputs.FirstOrDefault(i => i != matMul.Outputs[0] && i.EndsWith(".bias", StringComparison.Ordinal));
                if (bias is null || !LayerParameter().IsMatch(bias))
                {
                    continue;
                }

                string name = bias[..^".bias".Length] + ".weight";
                if (weights.ContainsKey(name))
                {
                    throw new InvalidDataException($"'{model.Source}': two MatMul initializers lead to the bias '{bias}'; cannot tell which is '{name}'.");
                }

                NamedTensor tensor = matrix.ToTensor();
                int rows = checked((int)tensor.Shape[0]);
                int columns = checked((int)tensor.Shape[1]);
                var transposed = new float[tensor.Data.Length];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < columns; c++)
                    {
                        transposed[(c * rows) + r] = tensor.Data[(r * columns) + c];
                    }
                }

                weights[name] = (transposed, [columns, rows]);
            }
        }
    }

    [GeneratedRegex(@"^encoder\.layer\.(\d+)\.")]
    private static partial Regex LayerParameter();
}
