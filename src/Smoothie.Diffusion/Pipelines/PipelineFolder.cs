using System.Text.Json;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Embeddings;
using Smoothie.Latent.Embeddings;
using Smoothie.Latent.Embeddings.Readers;
using Smoothie.Latent.Text;
using Smoothie.Models.Checkpoints;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// The pipeline folder format (like diffusers' <c>save_pretrained</c>): <c>pipeline.json</c> (configuration, format
/// version), <c>subvocabulary.json</c> (original ids of the latent vocabulary, when restricted), <c>model.safetensors</c>
/// (denoiser weights) and, for custom embeddings, <c>vocab.txt</c> and <c>embeddings.safetensors</c>. MiniLM embeddings
/// are not copied: they come from the package and are checked against the recorded identity on load.
/// </summary>
public static class PipelineFolder
{
    /// <summary>The configuration file.</summary>
    public const string ConfigurationFile = "pipeline.json";

    /// <summary>The sub-vocabulary file.</summary>
    public const string SubVocabularyFile = "subvocabulary.json";

    /// <summary>The weights file.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>The vocabulary of custom embeddings.</summary>
    public const string VocabularyFile = "vocab.txt";

    /// <summary>The matrix of custom embeddings.</summary>
    public const string EmbeddingsFile = "embeddings.safetensors";

    /// <summary>The casing table learned from the training targets (optional).</summary>
    public const string CasingFile = "casing.json";

    /// <summary>Writes a pipeline into <paramref name="directory"/> (each file atomically; weights last but one, configuration last).</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="directory">The folder.</param>
    /// <exception cref="PipelineWriteException">A file could not be written (full disk, read-only folder); none is left half-written.</exception>
    public static void Save(SmoothiePipeline pipeline, string directory)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        try
        {
            WriteFiles(pipeline, directory);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new PipelineWriteException(directory, error);
        }
    }

    private static void WriteFiles(SmoothiePipeline pipeline, string directory)
    {
        Directory.CreateDirectory(directory);
        if (pipeline.SubVocabulary is { } sub)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, SubVocabularyFile), JsonSerializer.Serialize(sub.OriginalIds));
        }
        else
        {
            File.Delete(Path.Combine(directory, SubVocabularyFile));
        }

        if (pipeline.EmbeddingProvider.SourceKind == "custom")
        {
            AtomicFile.WriteAllText(Path.Combine(directory, VocabularyFile), string.Join('\n', pipeline.Codec.Tokens) + "\n");
            TokenEmbeddings raw = pipeline.EmbeddingProvider.LoadEmbeddings();
            using var matrix = tensor(raw.Weights, [raw.Rows, raw.Dimension]);
            SafeTensorsFile.Write(Path.Combine(directory, EmbeddingsFile), [KeyValuePair.Create("embeddings", matrix)]);
        }

        if (pipeline.Casing is { } casing)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, CasingFile), casing.ToJson());
        }

        DenoiserCheckpoint.Save(pipeline.Model, Path.Combine(directory, WeightsFile));
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigurationFile), JsonSerializer.Serialize(pipeline.Configuration, PipelineConfiguration.JsonOptions));
    }

    /// <summary>Loads a pipeline folder, validating the format version, configuration, embeddings identity and weights.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="device">Where to run.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is missing or invalid, or the embeddings differ from those the model was trained with.</exception>
    public static SmoothiePipeline Load(string directory, DeviceKind device = DeviceKind.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The pipeline folder '{directory}' does not exist.");
        }

        string configPath = Path.Combine(directory, ConfigurationFile);
        if (!File.Exists(configPath))
        {
            throw new InvalidDataException($"'{directory}' is not a Smoothie pipeline folder: {ConfigurationFile} is missing.");
        }

        PipelineConfiguration configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<PipelineConfiguration>(File.ReadAllText(configPath), PipelineConfiguration.JsonOptions)
                ?? throw new InvalidDataException($"'{configPath}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{configPath}' is not valid: {e.Message}", e);
        }

        IReadOnlyList<string> problems = configuration.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"'{configPath}' is invalid:\n - " + string.Join("\n - ", problems));
        }

        IEmbeddingProvider provider = configuration.EmbeddingSource == "minilm" ? MiniLmEmbeddingProvider.Instance : LoadCustom(directory, configuration);
        string identity = provider.LoadEmbeddings().ComputeIdentity();
        if (!string.IsNullOrEmpty(configuration.EmbeddingIdentity) && identity != configuration.EmbeddingIdentity)
        {
            throw new InvalidDataException($"The embeddings available now (identity {identity}) differ from those the model in '{directory}' was trained with ({configuration.EmbeddingIdentity}).");
        }

        int[]? subIds = null;
        string subPath = Path.Combine(directory, SubVocabularyFile);
        if (File.Exists(subPath))
        {
            subIds = JsonSerializer.Deserialize<int[]>(File.ReadAllText(subPath)) ?? throw new InvalidDataException($"'{subPath}' is empty.");
        }

        SmoothiePipeline pipeline = PipelineFactory.Create(configuration, provider, subIds, device, seed: 0, initializeWeights: false);
        try
        {
            string weights = Path.Combine(directory, WeightsFile);
            if (!File.Exists(weights))
            {
                throw new InvalidDataException($"'{directory}' has no {WeightsFile}.");
            }

            DenoiserCheckpoint.Load(pipeline.Model, weights, strict: true);
            pipeline.Model.eval();
            string casingPath = Path.Combine(directory, CasingFile);
            if (File.Exists(casingPath))
            {
                pipeline.Casing = CasingTable.FromJson(File.ReadAllText(casingPath));
            }

            return pipeline;
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    private static CustomEmbeddingProvider LoadCustom(string directory, PipelineConfiguration configuration)
    {
        string vocab = Path.Combine(directory, VocabularyFile);
        string matrix = Path.Combine(directory, EmbeddingsFile);
        if (!File.Exists(vocab) || !File.Exists(matrix))
        {
            throw new InvalidDataException($"'{directory}' uses custom embeddings but lacks {VocabularyFile} or {EmbeddingsFile}.");
        }

        WordPieceTextCodec codec = WordPieceTextCodec.FromFile(vocab, configuration.LowerCase, specialTokens: configuration.SpecialTokens);
        TokenEmbeddings embeddings = SafetensorsEmbeddingReader.ReadEmbeddings(matrix, "embeddings", codec.Tokens, "custom");
        return new CustomEmbeddingProvider(codec, embeddings);
    }
}
