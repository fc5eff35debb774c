using System.Text.Json;
using Smoothie.Embeddings;
using Smoothie.Runtime.Files;
using Smoothie.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Training.Trainer;

/// <summary>
/// The files of a training checkpoint folder: the model (<c>model.bin</c>), its EMA (<c>ema.safetensors</c>), the optimizer
/// state (<c>optimizer.bin</c>), the trainable embeddings when trained (<c>embeddings.safetensors</c>) and the trainer's
/// state (<c>trainer.json</c>), each written atomically. Any trainer of a TorchSharp module can use them (the diffusion
/// trainer and the autoregressive baseline's do); a <see cref="Checkpoints.CheckpointStore"/> makes the folder itself atomic.
/// </summary>
public static class TrainerCheckpointFiles
{
    private const string StateFile = "trainer.json";
    private const string ModelFile = "model.bin";
    private const string EmaFile = "ema.safetensors";
    private const string OptimizerFile = "optimizer.bin";
    private const string EmbeddingsFile = "embeddings.safetensors";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes the full training state into <paramref name="folder"/>.</summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="module">The model being trained.</param>
    /// <param name="ema">Its exponential moving average.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="trainableEmbeddings">The embeddings trained with the model, or null when they are frozen.</param>
    /// <param name="state">The trainer's step, identity and options.</param>
    public static void Write(
        string folder, nn.Module module, ExponentialMovingAverage ema, OptimizerHelper optimizer, EmbeddingMatrix? trainableEmbeddings, TrainerState state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(ema);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        AtomicFile.Write(Path.Combine(folder, ModelFile), stream =>
        {
            // Module.save(Stream) closes the stream; the writer overload leaves it to us (AtomicFile flushes it to disk).
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            module.save(writer);
        });
        SafeTensorsFile.Write(Path.Combine(folder, EmaFile), ema.Shadows.Select(s => KeyValuePair.Create(s.Name, s.Value)));
        AtomicFile.Write(Path.Combine(folder, OptimizerFile), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            optimizer.save_state_dict(writer);
        });
        if (trainableEmbeddings is not null)
        {
            SafeTensorsFile.Write(Path.Combine(folder, EmbeddingsFile), [KeyValuePair.Create("embeddings", trainableEmbeddings.Weights)]);
        }

        AtomicFile.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(state, JsonOptions));
    }

    /// <summary>The trainer's state of the checkpoint in <paramref name="folder"/>.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <exception cref="InvalidDataException">The folder is not a training checkpoint or its state file is empty.</exception>
    public static TrainerState ReadState(string folder)
    {
        string statePath = Path.Combine(folder, StateFile);
        if (!File.Exists(statePath))
        {
            throw new InvalidDataException($"'{folder}' is not a training checkpoint (no {StateFile}).");
        }

        return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(statePath))
            ?? throw new InvalidDataException($"'{statePath}' is empty.");
    }

    /// <summary>Restores the model, the EMA, the trainable embeddings (when trained) and the optimizer state from <paramref name="folder"/>.</summary>
    /// <param name="folder">A folder written by <see cref="Write"/>.</param>
    /// <param name="module">The model (of the same shape) to load into.</param>
    /// <param name="ema">Its exponential moving average.</param>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="trainableEmbeddings">The embeddings trained with the model, or null when they are frozen.</param>
    public static void Restore(
        string folder, nn.Module module, ExponentialMovingAverage ema, OptimizerHelper optimizer, EmbeddingMatrix? trainableEmbeddings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(ema);
        ArgumentNullException.ThrowIfNull(optimizer);
        module.load(Path.Combine(folder, ModelFile));
        Dictionary<string, Tensor> shadows = SafeTensorsFile.Read(Path.Combine(folder, EmaFile));
        try
        {
            ema.Load(shadows);
        }
        finally
        {
            foreach (Tensor t in shadows.Values)
            {
                t.Dispose();
            }
        }

        if (trainableEmbeddings is not null)
        {
            Dictionary<string, Tensor> saved = SafeTensorsFile.Read(Path.Combine(folder, EmbeddingsFile));
            using (no_grad())
            {
                trainableEmbeddings.Weights.copy_(saved["embeddings"]);
            }

            foreach (Tensor t in saved.Values)
            {
                t.Dispose();
            }

            trainableEmbeddings.RefreshSquaredNorms();
        }

        using (var reader = new BinaryReader(File.OpenRead(Path.Combine(folder, OptimizerFile))))
        {
            optimizer.load_state_dict(reader);
        }
    }
}
