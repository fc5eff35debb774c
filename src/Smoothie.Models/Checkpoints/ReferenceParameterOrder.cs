namespace Smoothie.Models.Checkpoints;

/// <summary>
/// The order of the authors' <c>ScoreEstimatorEMB.parameters()</c>, recovered from parameter names alone. Their trainer's
/// EMA stores <c>shadow_params</c> as a list in exactly this order (no names), so mapping the averaged weights onto named
/// parameters needs it. PyTorch enumerates parameters in module-registration order; this type ranks every name segment the
/// authors' modules register (<c>time_emb</c> before <c>encoder</c> before <c>condition_encoder</c> …, <c>query</c> before
/// <c>key</c> before <c>value</c>, <c>weight</c> before <c>bias</c>) and numeric segments by value.
/// </summary>
internal static class ReferenceParameterOrder
{
    // One global ranking that agrees with the registration order inside every module of the authors' code:
    // ScoreEstimatorEMB, TransformerEncoder, ConditionEncoder, BertBlock, BertAttention, BertSelfAttention,
    // BertSelfOutput/BertOutput, BertIntermediate, nn.Linear/nn.LayerNorm/nn.Embedding.
    private static readonly string[] Segments =
    [
        "time_emb", "encoder", "condition_encoder", "self_condition_encoder", "sequence_embeddings", "position_embeddings", "head",
        "input_blocks", "output_blocks", "time_layers", "self_cond_layers", "blocks",
        "attention", "crossattention", "self", "intermediate", "output",
        "query", "key", "value", "dense", "LayerNorm",
        "weight", "bias",
    ];

    private static readonly Dictionary<string, int> Rank = Segments.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);

    /// <summary>Sorts parameter names into the order of the authors' <c>model.parameters()</c>.</summary>
    /// <param name="parameterNames">Names of trainable parameters (no buffers such as <c>position_ids</c>).</param>
    /// <returns>The names, ordered.</returns>
    /// <exception cref="ArgumentException">A name has a segment the authors' model does not register.</exception>
    public static IReadOnlyList<string> Sort(IEnumerable<string> parameterNames)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        var keyed = parameterNames.Select(name => (Name: name, Key: KeyOf(name))).ToList();
        keyed.Sort((a, b) => Compare(a.Key, b.Key));
        return keyed.Select(k => k.Name).ToList();
    }

    private static int[] KeyOf(string name)
    {
        string[] parts = name.Split('.');
        var key = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            {
                key[i] = index;
            }
            else if (Rank.TryGetValue(parts[i], out int rank))
            {
                key[i] = rank;
            }
            else
            {
                throw new ArgumentException(
                    $"'{name}' is not a parameter of the authors' ScoreEstimatorEMB (unknown part '{parts[i]}'); only a reference-compatible model's parameters can be ordered like theirs.",
                    "parameterNames");
            }
        }

        return key;
    }

    private static int Compare(int[] a, int[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
