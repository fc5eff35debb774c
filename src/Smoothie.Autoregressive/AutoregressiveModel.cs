using System.Text.Json;
using Microsoft.Extensions.Logging;
using Smoothie.Autoregressive.Configuration;
using Smoothie.Autoregressive.Decoding;
using Smoothie.Autoregressive.Modules;
using Smoothie.Autoregressive.Training;
using Smoothie.Autoregressive.Vocabulary;
using Smoothie.Data;
using Smoothie.Embeddings;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Evaluation;
using Smoothie.Runtime;
using Smoothie.Text;
using Smoothie.Text.Realization;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using Smoothie.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive;

/// <summary>
/// The autoregressive baseline as one object: the MiniLM codec and frozen embeddings the diffusion pipeline uses, the
/// pointer vocabulary (the same target sub-vocabulary, plus copying any source token), the
/// <see cref="PointerGeneratorTransformer"/>, and the realizer that turns written tokens into text as the pipeline's
/// does (casing learned from the training targets). Create one with <see cref="Create"/> or <see cref="Load"/>, train it
/// with <see cref="Train"/>, rewrite texts with <see cref="Generate(IReadOnlyList{string})"/>. Owns native memory:
/// dispose it.
/// </summary>
public sealed class AutoregressiveModel : IDisposable
{
    /// <summary>The sub-folder of a training output folder that holds the checkpoints.</summary>
    public const string CheckpointsFolder = "checkpoints";

    /// <summary>The latent-space name written into checkpoint identities (so a diffusion run's checkpoints are never resumed here).</summary>
    public const string CheckpointKind = "autoregressive";

    private readonly EmbeddingMatrix embeddings;
    private readonly SequenceFraming framing;
    private CasingTable? casing;
    private TargetWordList? targetWords;
    private ITextRealizer? realizer;
    private bool disposed;

    internal AutoregressiveModel(AutoregressiveSettings settings, EmbeddingMatrix embeddings, PointerVocabulary vocabulary, PointerGeneratorTransformer network, Device device)
    {
        Settings = settings;
        this.embeddings = embeddings;
        Vocabulary = vocabulary;
        Network = network;
        Device = device;
        framing = new SequenceFraming(vocabulary.Codec, settings.SourceLength, settings.TargetLength);
    }

    /// <summary>The settings (network shape, row lengths, embeddings).</summary>
    public AutoregressiveSettings Settings { get; }

    /// <summary>The network.</summary>
    public PointerGeneratorTransformer Network { get; }

    /// <summary>The output vocabulary and its per-source extension.</summary>
    public PointerVocabulary Vocabulary { get; }

    /// <summary>The text codec (MiniLM's uncased WordPiece).</summary>
    public ITextCodec Codec => Vocabulary.Codec;

    /// <summary>Where the model runs.</summary>
    public Device Device { get; }

    /// <summary>The usual spellings of the training targets (learned by <see cref="Train"/>), or null.</summary>
    public CasingTable? Casing
    {
        get => casing;
        set
        {
            casing = value;
            realizer = null;
        }
    }

    /// <summary>The lower-cased words of the training targets (learned by <see cref="Train"/>), or null.</summary>
    public TargetWordList? TargetWords
    {
        get => targetWords;
        set
        {
            targetWords = value;
            realizer = null;
        }
    }

    /// <summary>Turns written tokens into text: the diffusion pipeline's realizer for the same codec, casing and target words.</summary>
    public ITextRealizer Realizer => realizer ??= ITextRealizer.For(Codec, Casing, TargetWords);

    /// <summary>
    /// Creates an untrained model with the MiniLM embeddings, whose output vocabulary is every token of
    /// <paramref name="trainingTargets"/> plus the special tokens. The network's embedding width, output vocabulary and
    /// position tables are fitted to the embeddings, the vocabulary and the row lengths.
    /// </summary>
    /// <param name="settings">The network shape and row lengths (e.g. <c>new AutoregressiveSettings { Network = AutoregressiveConfig.FromDenoiser(ModelPreset.Tiny) }</c>).</param>
    /// <param name="trainingTargets">The training targets.</param>
    /// <param name="device">Where to run (default: the CPU).</param>
    /// <param name="seed">The seed of the initial weights.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names the field.</exception>
    public static AutoregressiveModel Create(AutoregressiveSettings settings, IEnumerable<string> trainingTargets, Device? device = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(trainingTargets);
        TorchSharpRuntime.EnsureLoaded();
        ITextCodec codec = MiniLmEmbeddings.CreateCodec();
        PointerVocabulary vocabulary = PointerVocabulary.FromTargets(codec, trainingTargets);
        TokenEmbeddings raw = MiniLmEmbeddings.Load();
        AutoregressiveConfig network = settings.Network ?? throw new ArgumentException("AutoregressiveSettings.Network must be set.", nameof(settings));
        settings = settings with
        {
            EmbeddingSource = AutoregressiveSettings.MiniLmEmbeddings,
            EmbeddingIdentity = raw.ComputeIdentity(),
            Network = network with
            {
                EmbeddingSize = raw.Dimension,
                TargetVocabularySize = vocabulary.Size,
                MaxSourceLength = Math.Max(network.MaxSourceLength, settings.SourceLength),
                MaxTargetLength = Math.Max(network.MaxTargetLength, settings.TargetLength - 1),
            },
        };
        settings.Validate();
        return Build(settings, raw, vocabulary, device ?? CPU, seed);
    }

    /// <summary>Loads a folder written by <see cref="Save"/>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="device">Where to run (default: the CPU).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is missing or invalid; the message names it.</exception>
    public static AutoregressiveModel Load(string directory, Device? device = null) => AutoregressiveFolder.Load(directory, device ?? CPU);

    /// <summary>Writes the model into a folder (<see cref="AutoregressiveFolder"/>).</summary>
    /// <param name="directory">The folder (created when missing).</param>
    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        AutoregressiveFolder.Save(this, directory);
    }

    /// <summary>
    /// Trains by teacher forcing until the options' step or time limit, resuming from the checkpoints in
    /// <paramref name="outputDirectory"/> when there are some, then keeps the EMA weights and saves the model folder there.
    /// Learns <see cref="Casing"/> and <see cref="TargetWords"/> from the training targets first.
    /// </summary>
    /// <param name="train">Training pairs (long ones are split at clause or word boundaries; pieces whose target does not fit are dropped).</param>
    /// <param name="validation">Validation pairs, or null.</param>
    /// <param name="options">The diffusion trainer's options (<see cref="AutoregressiveTrainer"/> says which apply).</param>
    /// <param name="outputDirectory">Where checkpoints and the final model go.</param>
    /// <param name="progress">Progress after every step, or null.</param>
    /// <param name="logger">Optional logger.</param>
    /// <param name="cancellationToken">Stops the run between steps (a checkpoint is saved).</param>
    /// <exception cref="ArgumentException">No training piece fits the target length, or an option cannot apply.</exception>
    public TrainingRunResult Train(
        IReadOnlyList<Seq2SeqPair> train,
        IReadOnlyList<Seq2SeqPair>? validation,
        TrainingOptions options,
        string outputDirectory,
        IProgress<TrainingProgress>? progress = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        TokenizedCorpus rows = Rows(train, logger) ?? throw new ArgumentException(
            $"No training pair fits: every target is longer than the target length ({Settings.TargetLength} tokens with start and end).", nameof(train));
        TokenizedCorpus? validationRows = validation is { Count: > 0 } ? Rows(validation, null) : null;
        Casing ??= CasingTable.Learn(train.Select(p => p.Target));
        TargetWords ??= TargetWordList.FromTexts(train.Select(p => p.Target));
        var identity = new CheckpointIdentity(CheckpointKind, Settings.EmbeddingIdentity, Vocabulary.Size, JsonSerializer.Serialize(Settings.Network));
        var store = new CheckpointStore(Path.Combine(outputDirectory, CheckpointsFolder), options.KeepBestCheckpoints);
        using var trainer = new AutoregressiveTrainer(Network, embeddings.Weights, Vocabulary, options, identity, logger);
        TrainingRunResult result = trainer.Run(rows, validationRows, store, progress, cancellationToken);
        trainer.Ema.CopyToModule();
        Save(outputDirectory);
        return result;
    }

    /// <summary>Rewrites each source greedily (<see cref="DecodingOptions.Greedy"/>).</summary>
    /// <param name="sources">The source texts (any length: long ones are rewritten piece by piece).</param>
    /// <returns>One text per source.</returns>
    public IReadOnlyList<string> Generate(IReadOnlyList<string> sources) => Generate(sources, DecodingOptions.Greedy);

    /// <summary>Rewrites each source with the given decoding (greedy or beam search).</summary>
    /// <param name="sources">The source texts (any length: long ones are rewritten piece by piece).</param>
    /// <param name="options">How to decode.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <returns>One text per source (empty for an empty source).</returns>
    /// <exception cref="ArgumentException">A source is null or an option is out of range.</exception>
    public IReadOnlyList<string> Generate(IReadOnlyList<string> sources, DecodingOptions options, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int maxTokens = options.MaxTokens ?? (Settings.TargetLength - 1);
        if (maxTokens > Network.Config.MaxTargetLength)
        {
            throw new ArgumentException($"DecodingOptions.MaxTokens ({maxTokens}) exceeds the decoder's {Network.Config.MaxTargetLength} positions.", nameof(options));
        }

        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is null)
            {
                throw new ArgumentException($"Source {i} is null; give a text (an empty one is rewritten as empty).", nameof(sources));
            }
        }

        List<long[]>[] pieces = framing.FrameSources(sources);
        (int Owner, long[] Row)[] flat = pieces.SelectMany((rows, owner) => rows.Select(row => (owner, row))).ToArray();
        int[][] written = Decode(flat.Select(f => f.Row).ToList(), options, maxTokens, cancellationToken);
        var content = Enumerable.Range(0, sources.Count).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < flat.Length; i++)
        {
            content[flat[i].Owner].AddRange(written[i]);
        }

        return Enumerable.Range(0, sources.Count).Select(i => content[i].Count == 0 ? string.Empty : Realizer.Realize(content[i], sources[i], options.RemoveRepeatedWords)).ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Network.Dispose();
        embeddings.Dispose();
    }

    /// <summary>Builds the model from fitted, validated settings (fresh weights from <paramref name="seed"/>).</summary>
    internal static AutoregressiveModel Build(AutoregressiveSettings settings, TokenEmbeddings raw, PointerVocabulary vocabulary, Device device, int seed)
    {
        if (vocabulary.Codec.StartId is null)
        {
            throw new ArgumentException("The autoregressive decoder starts every output with the codec's start token; this codec frames texts without one.", nameof(vocabulary));
        }

        manual_seed(seed);
        var network = new PointerGeneratorTransformer(settings.Network);
        network.to(device);
        EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(raw, new EmbeddingMatrixOptions { Device = device });
        return new AutoregressiveModel(settings, matrix, vocabulary, network, device);
    }

    /// <summary>The framed rows of some pairs, or null when no piece fits.</summary>
    private TokenizedCorpus? Rows(IReadOnlyList<Seq2SeqPair> pairs, ILogger? logger)
    {
        (List<long[]> sources, List<long[]> targets, int split, int dropped) = framing.FramePairs(pairs);
        logger?.LogInformation("{Pairs} pairs → {Rows} rows ({Split} long pairs split at clause/word boundaries; {Dropped} pieces dropped because their target does not fit the target length).", pairs.Count, targets.Count, split, dropped);
        return targets.Count == 0 ? null : new TokenizedCorpus(targets, sources, Settings.TargetLength, Settings.SourceLength, Codec.PadId);
    }

    /// <summary>The content written for each framed source row, in batches, with the model's weights (after training: the EMA's) and no dropout.</summary>
    private int[][] Decode(IReadOnlyList<long[]> rows, DecodingOptions options, int maxTokens, CancellationToken cancellationToken)
    {
        var written = new int[rows.Count][];
        Network.eval();
        using var noGrad = no_grad();
        int start = Codec.StartId!.Value;
        for (int first = 0; first < rows.Count; first += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            IReadOnlyList<long[]> batch = rows.Skip(first).Take(options.BatchSize).ToList();
            using var encoded = new EncodedSources(Network, embeddings.Weights, Vocabulary, batch);
            int[][] contents = options.BeamWidth == 1
                ? GreedyDecoder.Decode(Network, embeddings.Weights, Vocabulary, encoded, start, maxTokens)
                : BeamSearchDecoder.Decode(Network, embeddings.Weights, Vocabulary, encoded, start, maxTokens, options.BeamWidth, options.LengthPenalty);
            contents.CopyTo(written, first);
        }

        return written;
    }
}
