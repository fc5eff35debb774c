using Smoothie.Runtime.Files;
using System.Collections;
using Smoothie.Runtime;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// Reads and writes PyTorch <c>torch.save</c> files (the zip format of PyTorch ≥ 1.6; <c>.pt</c>, <c>.pth</c>, <c>.bin</c>)
/// through TorchSharp.PyBridge: a bare state dict, or the authors' trainer checkpoint
/// <c>{"model", "ema": {"decay", "num_updates", "shadow_params"}, "optimizer", "scheduler", "scaler", "step", "encoder"}</c>.
/// Files written here hold a bare state dict that <c>model.load_state_dict(torch.load(path))</c> accepts.
/// </summary>
public static class PyTorchStateFile
{
    /// <summary>Writes tensors as a bare state dict, atomically (temporary file + rename).</summary>
    /// <param name="path">Target file.</param>
    /// <param name="tensors">Named tensors (e.g. a module's <c>state_dict()</c>); copied to the CPU and made contiguous.</param>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string name, Tensor tensor) in tensors)
        {
            // PyBridge writes the tensor's bytes with its own strides and offset: give it a fresh, dense CPU copy.
            state[name] = tensor.detach().cpu().clone();
        }

        AtomicFile.Write(path, stream => PyTorchPickler.PickleStateDict(stream, state, leaveOpen: true));
    }

    /// <summary>Reads a bare state dict or a trainer checkpoint onto the CPU.</summary>
    /// <param name="path">The file.</param>
    /// <param name="weights">
    /// For a trainer checkpoint, which weights to return; <see cref="CheckpointWeights.ExponentialMovingAverage"/> maps the
    /// EMA's unnamed <c>shadow_params</c> onto the names of the <c>"model"</c> entry by <see cref="ReferenceParameterOrder"/>.
    /// A bare state dict has only model weights: asking it for the EMA is an error, preferring the EMA gives the model weights.
    /// </param>
    /// <returns>The weights and what the file was; the caller owns the tensors.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a PyTorch zip archive, not a state dict or trainer checkpoint, or its EMA does not fit its model.</exception>
    public static PyTorchFileContent Read(string path, CheckpointWeights weights = CheckpointWeights.Model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The PyTorch checkpoint '{path}' does not exist.", path);
        }

        TorchSharpRuntime.EnsureLoaded();
        Hashtable root = Unpickle(path);
        var owned = new List<Tensor>();
        Collect(root, owned);
        var kept = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        try
        {
            PyTorchFileContent content = root.ContainsKey("model") && root["model"] is IDictionary
                ? FromTrainerCheckpoint(path, root, weights)
                : FromStateDict(path, root, weights);
            foreach (Tensor tensor in content.Tensors.Values)
            {
                kept.Add(tensor);
            }

            if (content.Embeddings is not null)
            {
                kept.Add(content.Embeddings);
            }

            return content;
        }
        finally
        {
            foreach (Tensor tensor in owned.Where(t => !kept.Contains(t)))
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Whether the file starts like a zip archive (every <c>torch.save</c> file since PyTorch 1.6 does).</summary>
    /// <param name="path">An existing file.</param>
    /// <returns>True for a zip signature.</returns>
    public static bool LooksLikePyTorchArchive(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        Span<byte> signature = stackalloc byte[4];
        return stream.ReadAtLeast(signature, 4, throwOnEndOfStream: false) == 4
            && signature[0] == 0x50 && signature[1] == 0x4b && signature[2] == 0x03 && signature[3] == 0x04;
    }

    private static Hashtable Unpickle(string path)
    {
        if (!LooksLikePyTorchArchive(path))
        {
            throw new InvalidDataException(
                $"'{path}' is not a PyTorch checkpoint in the zip format torch.save writes since PyTorch 1.6 (it does not start with a zip signature). "
                + "Re-save it with torch.save(state_dict, path), or give a .safetensors file.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception error) when (error is InvalidCastException or NotImplementedException or InvalidDataException or EndOfStreamException
            or IOException or InvalidOperationException or ArgumentException or Razorvine.Pickle.PickleException)
        {
            throw new InvalidDataException(
                $"'{path}' could not be read as a PyTorch state dict or trainer checkpoint: {error.Message} "
                + "Only files that hold tensors in (nested) dicts and lists can be read; save model.state_dict(), not the model object.",
                error);
        }
    }

    private static PyTorchFileContent FromStateDict(string path, Hashtable root, CheckpointWeights weights)
    {
        if (weights == CheckpointWeights.ExponentialMovingAverage)
        {
            throw new InvalidDataException($"'{path}' is a bare state dict: it has no EMA weights. Load it without asking for the EMA, or give the trainer checkpoint.");
        }

        return new PyTorchFileContent(TensorsOf(path, root, "the file"), IsTrainerCheckpoint: false, CheckpointWeights.Model, Step: null, EmaDecay: null, Embeddings: null);
    }

    private static PyTorchFileContent FromTrainerCheckpoint(string path, Hashtable root, CheckpointWeights weights)
    {
        Dictionary<string, Tensor> model = TensorsOf(path, (IDictionary)root["model"]!, "its \"model\" entry");
        long? step = root["step"] is { } s && IsInteger(s) ? Convert.ToInt64(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        Tensor? embeddings = root["encoder"] is IDictionary encoder && encoder["embeddings"] is Tensor e ? e : null;
        double? decay = null;
        if (root["ema"] is IDictionary ema && ema["decay"] is { } d and (double or float or int or long))
        {
            decay = Convert.ToDouble(d, System.Globalization.CultureInfo.InvariantCulture);
        }

        bool hasEma = root["ema"] is IDictionary withEma && withEma["shadow_params"] is IList;
        if (weights == CheckpointWeights.Model || (weights == CheckpointWeights.PreferExponentialMovingAverage && !hasEma))
        {
            return new PyTorchFileContent(model, IsTrainerCheckpoint: true, CheckpointWeights.Model, step, decay, embeddings);
        }

        if (root["ema"] is not IDictionary emaEntry || emaEntry["shadow_params"] is not IList shadow)
        {
            throw new InvalidDataException($"'{path}' is a trainer checkpoint without \"ema\".\"shadow_params\": it has no EMA weights to load.");
        }

        // shadow_params follows model.parameters(): every floating-point entry of the state dict (buffers such as the int64
        // position_ids are not parameters), in the authors' registration order.
        IReadOnlyList<string> order = ReferenceParameterOrder.Sort(model.Where(kv => kv.Value.is_floating_point()).Select(kv => kv.Key));
        if (shadow.Count != order.Count)
        {
            throw new InvalidDataException(
                $"'{path}': the EMA holds {shadow.Count} tensors but the model has {order.Count} parameters; the EMA cannot be mapped onto the parameters by order.");
        }

        var averaged = new Dictionary<string, Tensor>(model, StringComparer.Ordinal);
        for (int i = 0; i < order.Count; i++)
        {
            Tensor parameter = model[order[i]];
            if (shadow[i] is not Tensor value || !value.shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException(
                    $"'{path}': EMA tensor {i} does not have the shape of parameter {i} in the authors' order ('{order[i]}', [{string.Join(", ", parameter.shape)}]); the checkpoint is not from the model its \"model\" entry describes.");
            }

            averaged[order[i]] = value;
        }

        return new PyTorchFileContent(averaged, IsTrainerCheckpoint: true, CheckpointWeights.ExponentialMovingAverage, step, decay, embeddings);
    }

    private static Dictionary<string, Tensor> TensorsOf(string path, IDictionary entries, string what)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (DictionaryEntry entry in entries)
        {
            if (entry.Key is string name && entry.Value is Tensor tensor)
            {
                tensors[name] = tensor;
            }
            else
            {
                others.Add(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "?");
            }
        }

        if (tensors.Count == 0)
        {
            throw new InvalidDataException(
                $"'{path}' is not a state dict: {what} holds no named tensors (keys: {string.Join(", ", others.Take(10))}{(others.Count > 10 ? ", …" : string.Empty)}).");
        }

        return tensors;
    }

    private static bool IsInteger(object value) => value is int or long or short or byte;

    private static void Collect(object? node, List<Tensor> tensors)
    {
        switch (node)
        {
            case Tensor tensor:
                tensors.Add(tensor);
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Collect(entry.Value, tensors);
                }

                break;
            case IList list:
                foreach (object? item in list)
                {
                    Collect(item, tensors);
                }

                break;
        }
    }
}
