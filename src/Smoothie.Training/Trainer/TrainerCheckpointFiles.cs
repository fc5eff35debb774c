using System.Text.Json;
using Smoothie.Embeddings;
using Smoothie.Models.Denoising;
using Smoothie.Runtime.Files;
using Smoothie.Training.Optimization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Training.Trainer;

/// <summary>
/// The files of a training checkpoint folder: the model, its EMA, the optimizer state, the trainable embeddings (when
/// trained) and the trainer's state, each written atomically.
/// </summary>
internal static class TrainerCheckpointFiles
{
    private const string StateFile = "trainer.json";
    private const string ModelFile = "model.bin";
    private const string EmaFile = "ema.safetensors";
    private const string OptimizerFile = "optimizer.bin";
    private const string EmbeddingsFile = "embeddings.safetensors";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes the full training state into <paramref name="folder"/>.</summary>
    public static void Write(
        string folder, IDenoiserNetwork network, ExponentialMovingAverage ema, OptimizerHelper optimizer, EmbeddingMatrix? trainableEmbeddings, TrainerState state)
    {
        AtomicFile.Write(Path.Combine(folder, ModelFile), stream =>
        {
            // Module.save(Stream) closes the stream; the writer overload leaves it to us (AtomicFile flushes it to disk).
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            network.Module.save(writer);
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
    public static void Restore(
        string folder, IDenoiserNetwork network, ExponentialMovingAverage ema, OptimizerHelper optimizer, EmbeddingMatrix? trainableEmbeddings)
    {
        network.Module.load(Path.Combine(folder, ModelFile));
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
