using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>Copies a name → tensor map into a module's parameters and buffers after checking names and shapes.</summary>
public static class StateDictLoader
{
    /// <summary>
    /// Compares <paramref name="source"/> with the module's <c>state_dict()</c> and, if it fits, copies every matching
    /// entry (converting dtype and device as needed, without recording gradients). Nothing is copied when it does not fit.
    /// </summary>
    /// <param name="module">The target module.</param>
    /// <param name="source">Checkpoint tensors (not disposed here).</param>
    /// <param name="strict">When true, missing or unexpected keys are errors too; when false they are only reported.</param>
    /// <param name="origin">Where the tensors came from, for messages.</param>
    /// <returns>The report of what was loaded.</returns>
    /// <exception cref="CheckpointMismatchException">A shape differs, or (strict) keys are missing or unexpected.</exception>
    /// <exception cref="InvalidDataException">A parameter holds NaN or infinite values; the message names the tensors.</exception>
    public static LoadReport Apply(nn.Module module, IReadOnlyDictionary<string, Tensor> source, bool strict = true, string origin = "state dict")
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(source);
        Dictionary<string, Tensor> target = module.state_dict();
        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatched = new List<ShapeMismatch>();
        foreach ((string name, Tensor tensor) in target)
        {
            if (!source.TryGetValue(name, out Tensor? value))
            {
                missing.Add(name);
            }
            else if (!value.shape.SequenceEqual(tensor.shape))
            {
                mismatched.Add(new ShapeMismatch(name, tensor.shape, value.shape));
            }
            else
            {
                loaded.Add(name);
            }
        }

        var unexpected = source.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var report = new LoadReport(loaded, missing, unexpected, mismatched);
        if (mismatched.Count > 0 || (strict && !report.IsExactMatch))
        {
            throw new CheckpointMismatchException(origin, report);
        }

        ThrowOnNonFiniteWeights(module, source, loaded, origin);

        using (no_grad())
        {
            foreach (string name in loaded)
            {
                target[name].copy_(source[name]);
            }
        }

        return report;
    }

    private static void ThrowOnNonFiniteWeights(nn.Module module, IReadOnlyDictionary<string, Tensor> source, List<string> loaded, string origin)
    {
        // Parameters only: buffers such as attention masks may hold -inf on purpose.
        var parameters = new HashSet<string>(module.named_parameters().Select(p => p.name), StringComparer.Ordinal);
        var bad = new List<string>();
        long badTensors = 0;
        foreach (string name in loaded)
        {
            Tensor value = source[name];
            if (!parameters.Contains(name) || !value.is_floating_point())
            {
                continue;
            }

            using var scope = NewDisposeScope();
            Tensor asFloat = value.to_type(ScalarType.Float32);
            long nan = asFloat.isnan().sum().item<long>();
            long infinite = asFloat.isinf().sum().item<long>();
            if (nan + infinite > 0)
            {
                badTensors++;
                if (bad.Count < 5)
                {
                    bad.Add($"'{name}' has {nan} NaN and {infinite} infinite of {value.numel()} values");
                }
            }
        }

        if (badTensors > 0)
        {
            throw new InvalidDataException(
                $"The checkpoint '{origin}' holds non-finite weights in {badTensors} tensor{(badTensors == 1 ? string.Empty : "s")} ({string.Join("; ", bad)}{(badTensors > bad.Count ? "; …" : string.Empty)}); "
                + "nothing was loaded. The training that wrote it diverged or the file is corrupt: use an earlier checkpoint or retrain with a lower learning rate.");
        }
    }
}
