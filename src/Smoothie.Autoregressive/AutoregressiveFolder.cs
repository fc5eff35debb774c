using System.Text.Json;
using Smoothie.Autoregressive.Configuration;
using Smoothie.Autoregressive.Vocabulary;
using Smoothie.Embeddings;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Evaluation;
using Smoothie.Runtime.Files;
using Smoothie.Text;
using Smoothie.Text.Realization;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive;

/// <summary>
/// The autoregressive model folder, laid out like the diffusion pipeline's: <c>autoregressive.json</c> (the
/// <see cref="AutoregressiveSettings"/>; its presence is what marks the folder as an autoregressive model),
/// <c>subvocabulary.json</c> (the codec ids of the output vocabulary), <c>model.safetensors</c> (the network's weights by
/// state-dict name) and what was learned from the training targets, <c>casing.json</c> and <c>target-words.txt</c>
/// (optional). The MiniLM embeddings are not copied: they come from the package and are checked against the recorded
/// identity on load. Every file is written atomically, the settings last.
/// </summary>
public static class AutoregressiveFolder
{
    /// <summary>The settings file.</summary>
    public const string ConfigurationFile = "autoregressive.json";

    /// <summary>The output vocabulary file.</summary>
    public const string SubVocabularyFile = "subvocabulary.json";

    /// <summary>The weights file.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>The casing table learned from the training targets (optional).</summary>
    public const string CasingFile = "casing.json";

    /// <summary>The lower-cased words of the training targets (optional).</summary>
    public const string TargetWordsFile = "target-words.txt";

    /// <summary>Whether <paramref name="directory"/> holds an autoregressive model (it has <see cref="ConfigurationFile"/>).</summary>
    /// <param name="directory">A folder.</param>
    public static bool IsModelFolder(string directory) =>
        !string.IsNullOrWhiteSpace(directory) && File.Exists(Path.Combine(directory, ConfigurationFile));

    /// <summary>Writes a model into <paramref name="directory"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="directory">The folder (created when missing).</param>
    public static void Save(AutoregressiveModel model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, SubVocabularyFile), JsonSerializer.Serialize(model.Vocabulary.Output.OriginalIds));
        WriteOrDelete(Path.Combine(directory, CasingFile), model.Casing?.ToJson());
        WriteOrDelete(Path.Combine(directory, TargetWordsFile), model.TargetWords is { } words ? string.Concat(words.Order(StringComparer.Ordinal).Select(w => w + "\n")) : null);
        SafeTensorsFile.Write(Path.Combine(directory, WeightsFile), model.Network.state_dict());
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigurationFile), model.Settings.ToJson());
    }

    /// <summary>Loads a folder written by <see cref="Save"/>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="device">Where to run.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is missing or invalid, or the embeddings differ from the recorded ones; the message names the file.</exception>
    public static AutoregressiveModel Load(string directory, Device device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(device);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The autoregressive model folder '{directory}' does not exist.");
        }

        string settingsPath = Path.Combine(directory, ConfigurationFile);
        if (!File.Exists(settingsPath))
        {
            throw new InvalidDataException($"'{directory}' is not an autoregressive model folder: it has no {ConfigurationFile}.");
        }

        AutoregressiveSettings settings = ReadSettings(settingsPath);
        ITextCodec codec = MiniLmEmbeddings.CreateCodec();
        TokenEmbeddings raw = MiniLmEmbeddings.Load();
        if (raw.ComputeIdentity() != settings.EmbeddingIdentity)
        {
            throw new InvalidDataException($"'{settingsPath}' records embeddings {settings.EmbeddingIdentity}, but the MiniLM package's are {raw.ComputeIdentity()}; the model was trained with other embeddings.");
        }

        var vocabulary = new PointerVocabulary(ReadSubVocabulary(directory, settings, codec.VocabularySize), codec);
        AutoregressiveModel model = AutoregressiveModel.Build(settings, raw, vocabulary, device, seed: 0);
        try
        {
            LoadWeights(model, Path.Combine(directory, WeightsFile));
            string casingPath = Path.Combine(directory, CasingFile);
            model.Casing = File.Exists(casingPath) ? CasingTable.FromJson(File.ReadAllText(casingPath)) : null;
            string wordsPath = Path.Combine(directory, TargetWordsFile);
            model.TargetWords = File.Exists(wordsPath) ? TargetWordList.Load(wordsPath) : null;
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static AutoregressiveSettings ReadSettings(string path)
    {
        try
        {
            AutoregressiveSettings settings = AutoregressiveSettings.FromJson(File.ReadAllText(path));
            settings.Validate();
            return settings;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"'{path}' is not valid: {e.Message}", e);
        }
    }

    private static SubVocabulary ReadSubVocabulary(string directory, AutoregressiveSettings settings, int codecVocabularySize)
    {
        string path = Path.Combine(directory, SubVocabularyFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{directory}' has no {SubVocabularyFile}; put back the one saved with the model.");
        }

        try
        {
            int[] ids = JsonSerializer.Deserialize<int[]>(File.ReadAllText(path)) ?? [];
            var sub = new SubVocabulary(ids, codecVocabularySize);
            return sub.Count == settings.Network.TargetVocabularySize
                ? sub
                : throw new InvalidDataException($"'{path}' has {sub.Count} distinct token ids, but the model writes with {settings.Network.TargetVocabularySize}; the file belongs to another model.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' is not a list of token ids of the MiniLM vocabulary: {e.Message}", e);
        }
    }

    private static void LoadWeights(AutoregressiveModel model, string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The weights file '{path}' is missing.");
        }

        Dictionary<string, Tensor> saved = SafeTensorsFile.Read(path);
        try
        {
            Dictionary<string, Tensor> state = model.Network.state_dict();
            string[] missing = state.Keys.Where(k => !saved.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
            string[] extra = saved.Keys.Where(k => !state.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
            {
                throw new InvalidDataException($"'{path}' does not match the network of its {ConfigurationFile}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", extra)}].");
            }

            using var noGrad = no_grad();
            foreach ((string name, Tensor target) in state)
            {
                Tensor value = saved[name];
                if (!value.shape.SequenceEqual(target.shape))
                {
                    throw new InvalidDataException($"'{path}': {name} has shape [{string.Join(", ", value.shape)}], the network expects [{string.Join(", ", target.shape)}].");
                }

                target.copy_(value);
            }
        }
        finally
        {
            foreach (Tensor tensor in saved.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private static void WriteOrDelete(string path, string? text)
    {
        if (text is null)
        {
            File.Delete(path);
        }
        else
        {
            AtomicFile.WriteAllText(path, text);
        }
    }
}
