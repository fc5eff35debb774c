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

        using (no_grad())
        {
            foreach (string name in loaded)
            {
                target[name].copy_(source[name]);
            }
        }

        return report;
    }
}
