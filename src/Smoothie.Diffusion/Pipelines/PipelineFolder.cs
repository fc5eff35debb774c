using Smoothie.Text.Realization;
using System.Globalization;
using System.Text.Json;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Embeddings;
using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;
using Smoothie.Evaluation;
using Smoothie.Text;
using Smoothie.Text.Baselines;
using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// The pipeline folder format (like diffusers' <c>save_pretrained</c>): <c>pipeline.json</c> (configuration, format
/// version), <c>subvocabulary.json</c> (original ids of the latent vocabulary, when restricted), <c>model.safetensors</c>
/// (denoiser weights), for custom embeddings <c>embeddings.safetensors</c> and, with a WordPiece vocabulary, <c>vocab.txt</c>, and what was learned from
/// the training targets: <c>casing.json</c>, <c>target-words.txt</c> and <c>lookup.tsv</c> (each optional; a folder
/// without them loads with the property null). MiniLM embeddings are not copied: they come from the package and are
/// checked against the recorded identity on load.
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

    /// <summary>The lower-cased words of the training targets (optional; <see cref="TargetWordList"/> format).</summary>
    public const string TargetWordsFile = "target-words.txt";

    /// <summary>The word lookup learned from the training pairs (optional; <see cref="WordLookupBaseline.Save"/> format).</summary>
    public const string LookupFile = "lookup.tsv";

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
            // A GPT-2 codec comes from its package (pipeline.json says "tokenizer": "gpt2"); a WordPiece one from vocab.txt.
            WriteOrDelete(Path.Combine(directory, VocabularyFile), pipeline.Configuration.Tokenizer is null ? string.Join('\n', pipeline.Codec.Tokens) + "\n" : null);
            TokenEmbeddings raw = pipeline.EmbeddingProvider.LoadEmbeddings();
            using var matrix = tensor(raw.Weights, [raw.Rows, raw.Dimension]);
            SafeTensorsFile.Write(Path.Combine(directory, EmbeddingsFile), [KeyValuePair.Create("embeddings", matrix)]);
        }

        if (pipeline.Casing is { } casing)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, CasingFile), casing.ToJson());
        }

        WriteOrDelete(Path.Combine(directory, TargetWordsFile), pipeline.TargetWords is { } words ? string.Concat(words.Order(StringComparer.Ordinal).Select(w => w + "\n")) : null);
        WriteOrDelete(Path.Combine(directory, LookupFile), pipeline.Lookup?.ToText());

        DenoiserCheckpoint.Save(pipeline.Denoiser, Path.Combine(directory, WeightsFile));
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigurationFile), pipeline.Configuration.ToJson());
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

    /// <summary>Loads a pipeline folder, validating the format version, configuration, embeddings identity and weights.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="device">Where to run.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is missing or invalid (pipeline.json, subvocabulary.json, casing.json, lookup.tsv, truncated or non-finite weights), or the
    /// embeddings differ from those the model was trained with; the message names the file.
    /// </exception>
    /// <exception cref="CheckpointMismatchException">model.safetensors holds the weights of another model (names or shapes differ).</exception>
    public static SmoothiePipeline Load(string directory, DeviceKind device = DeviceKind.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The pipeline folder '{directory}' does not exist.");
        }

        PipelineConfiguration configuration = ReadConfiguration(directory);
        IEmbeddingProvider provider = configuration.EmbeddingSource == "minilm" ? MiniLmEmbeddingProvider.Instance : LoadCustom(directory, configuration);
        string identity = provider.LoadEmbeddings().ComputeIdentity();
        if (!string.IsNullOrEmpty(configuration.EmbeddingIdentity) && identity != configuration.EmbeddingIdentity)
        {
            string which = configuration.EmbeddingSource == "minilm"
                ? "the MiniLM embeddings of the installed Smoothie.Embeddings.MiniLM package"
                : $"its {VocabularyFile} and {EmbeddingsFile}";
            throw new InvalidDataException(
                $"The model in '{directory}' was trained with other embeddings than {which}: their identity is {identity}, {ConfigurationFile} records {configuration.EmbeddingIdentity}. "
                + "Put back the embeddings the model was trained with (or the package version it was trained with), or retrain.");
        }

        int[]? subIds = ReadSubVocabulary(directory, configuration, provider.CreateCodec());
        SmoothiePipeline pipeline = PipelineFactory.Create(configuration, provider, subIds, device, seed: 0, initializeWeights: false);
        try
        {
            string weights = Path.Combine(directory, WeightsFile);
            if (!File.Exists(weights))
            {
                throw new InvalidDataException($"'{directory}' has no {WeightsFile}.");
            }

            DenoiserCheckpoint.Load(pipeline.Denoiser, weights, strict: true);
            pipeline.Denoiser.eval();
            string casingPath = Path.Combine(directory, CasingFile);
            if (File.Exists(casingPath))
            {
                try
                {
                    pipeline.Casing = CasingTable.FromJson(File.ReadAllText(casingPath));
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"'{casingPath}' is invalid: {e.Message} Delete the file to generate without learned casing, or save the pipeline again.", e);
                }
            }

            ReadLearnedWords(pipeline, directory);
            if (pipeline.Configuration.SourceDraft != SourceDraftKind.None && pipeline.Lookup is null)
            {
                throw new InvalidDataException($"'{directory}' drafts its sources with the word lookup (pipeline.json sourceDraft) but has no {LookupFile}: put back the {LookupFile} the model was trained with, or retrain.");
            }

            if (pipeline.Configuration.SourceDraft == SourceDraftKind.WordLookupInContext && !pipeline.Lookup!.HasContexts)
            {
                throw new InvalidDataException($"'{directory}' drafts its sources with the word lookup in context (pipeline.json sourceDraft word-lookup-in-context) but its {LookupFile} holds no contexts (a file older than version 4): put back the {LookupFile} the model was trained with, or retrain.");
            }

            return pipeline;
        }
        catch
        {
            pipeline.Dispose();
            throw;
        }
    }

    /// <summary>Reads <c>target-words.txt</c> and <c>lookup.tsv</c> when present (absent: the properties stay null).</summary>
    private static void ReadLearnedWords(SmoothiePipeline pipeline, string directory)
    {
        string wordsPath = Path.Combine(directory, TargetWordsFile);
        if (File.Exists(wordsPath))
        {
            pipeline.TargetWords = TargetWordList.Load(wordsPath);
        }

        string lookupPath = Path.Combine(directory, LookupFile);
        if (File.Exists(lookupPath))
        {
            try
            {
                pipeline.Lookup = WordLookupBaseline.Load(lookupPath);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"'{lookupPath}' is invalid: {e.Message} Delete the file to generate without the lookup guard, or save the pipeline again.", e);
            }
        }
    }

    /// <summary>Reads and validates <c>pipeline.json</c> of a folder (also used to check a folder at start-up).</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON of the expected shape, or describes an invalid pipeline.</exception>
    internal static PipelineConfiguration ReadConfiguration(string directory)
    {
        string configPath = Path.Combine(directory, ConfigurationFile);
        if (!File.Exists(configPath))
        {
            throw new InvalidDataException($"'{directory}' is not a Smoothie pipeline folder: {ConfigurationFile} is missing.");
        }

        PipelineConfiguration configuration;
        try
        {
            configuration = PipelineConfiguration.FromJson(File.ReadAllText(configPath));
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

        return configuration;
    }

    private static int[]? ReadSubVocabulary(string directory, PipelineConfiguration configuration, ITextCodec codec)
    {
        string path = Path.Combine(directory, SubVocabularyFile);
        if (!File.Exists(path))
        {
            if (configuration.LatentVocabularySize is { } recorded && recorded != codec.VocabularySize)
            {
                throw new InvalidDataException(
                    $"'{directory}' has no {SubVocabularyFile}, but its model was trained on a sub-vocabulary of {recorded} tokens ({ConfigurationFile} latentVocabularySize); put back the {SubVocabularyFile} saved with the model.");
            }

            return null;
        }

        int[] ids;
        try
        {
            ids = JsonSerializer.Deserialize<int[]>(File.ReadAllText(path)) ?? throw new InvalidDataException($"'{path}' is empty; expected a JSON array of token ids.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a JSON array of token ids: {e.Message}", e);
        }

        if (ids.Length == 0)
        {
            throw new InvalidDataException($"'{path}' is empty; expected a JSON array of token ids.");
        }

        int outside = Array.FindIndex(ids, id => id < 0 || id >= codec.VocabularySize);
        if (outside >= 0)
        {
            throw new InvalidDataException(
                $"'{path}' holds token id {ids[outside]} (entry {outside + 1} of {ids.Length}), outside the vocabulary of the embeddings [0, {codec.VocabularySize}); the file belongs to a model with another vocabulary.");
        }

        if (ids.Distinct().Count() != ids.Length)
        {
            int duplicate = ids.GroupBy(id => id).First(g => g.Count() > 1).Key;
            throw new InvalidDataException($"'{path}' lists token id {duplicate} more than once; a sub-vocabulary lists each id once (as SmoothiePipeline.Save writes it).");
        }

        int[] required = codec.StartId is { } start ? [codec.PadId, codec.EndId, start] : [codec.PadId, codec.EndId];
        int[] absent = required.Where(id => !ids.Contains(id)).ToArray();
        if (absent.Length > 0)
        {
            throw new InvalidDataException(
                $"'{path}' lacks the special token{(absent.Length == 1 ? string.Empty : "s")} {string.Join(", ", absent.Select(id => $"{codec.Tokens[id]} (id {id})"))} every sub-vocabulary keeps; the file is not one written with this model.");
        }

        if (configuration.LatentVocabularySize is { } size && size != ids.Length)
        {
            throw new InvalidDataException(
                $"'{path}' has {ids.Length} token ids but the model was trained on a sub-vocabulary of {size} ({ConfigurationFile} latentVocabularySize); the file belongs to another run: put back the {SubVocabularyFile} saved with this model.");
        }

        return ids;
    }

    private static CustomEmbeddingProvider LoadCustom(string directory, PipelineConfiguration configuration)
    {
        string vocab = Path.Combine(directory, VocabularyFile);
        string matrix = Path.Combine(directory, EmbeddingsFile);
        bool gpt2 = configuration.Tokenizer == PipelineConfiguration.Gpt2Tokenizer;
        if ((!gpt2 && !File.Exists(vocab)) || !File.Exists(matrix))
        {
            throw new InvalidDataException($"'{directory}' uses custom embeddings but lacks {(gpt2 ? EmbeddingsFile : $"{VocabularyFile} or {EmbeddingsFile}")}.");
        }

        ITextCodec codec = gpt2 ? Gpt2TextCodec.Create() : WordPieceTextCodec.FromFile(vocab, configuration.LowerCase, specialTokens: configuration.SpecialTokens);
        TokenEmbeddings embeddings = SafetensorsEmbeddingReader.ReadEmbeddings(matrix, "embeddings", codec.Tokens, "custom");
        return new CustomEmbeddingProvider(codec, embeddings);
    }
}
