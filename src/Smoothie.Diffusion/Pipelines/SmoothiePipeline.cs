using System.Runtime.CompilerServices;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Embeddings;
using Smoothie.Embeddings;
using Smoothie.Evaluation;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Sampling;
using Smoothie.Schedulers.Schedules;
using Smoothie.Text;
using Smoothie.Text.Baselines;
using Smoothie.Text.Layout;
using Smoothie.Text.Realization;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// A ready-to-use Smoothie text diffusion model, as typed parts in the order text flows through them: the text
/// <see cref="Codec"/>, the target <see cref="Layout"/>, the latent <see cref="Space"/> (over the
/// <see cref="SubVocabulary"/> when there is one) with its noise <see cref="Schedule"/>, the <see cref="Denoiser"/>, the
/// sampler (settings in <see cref="Configuration"/>, per call in <see cref="GenerationOptions"/>) and the
/// <see cref="Realizer"/>. Create one with <see cref="SmoothieBuilder"/> or <see cref="Load"/>; train it with
/// <see cref="PipelineTrainer.Train"/>; generate with <see cref="Generate"/> or <see cref="GenerateAsync"/>; score it with
/// <see cref="PipelineEvaluation.Evaluate"/>; save it as a folder with <see cref="Save"/>.
/// Not thread-safe: use one call at a time (the DI generator serialises concurrent requests).
/// </summary>
public sealed class SmoothiePipeline : IDisposable
{
    private readonly LatentVocabulary vocabulary;
    private readonly PipelineEncoder encoder;
    private readonly PipelineGenerator generator;
    private CasingTable? casing;
    private TargetWordList? targetWords;
    private ITextRealizer? realizer;
    private bool disposed;

    internal SmoothiePipeline(PipelineConfiguration configuration, IEmbeddingProvider provider, ITextCodec codec, EmbeddingMatrix fullEmbeddings, SubVocabulary? subVocabulary, SmoothieDenoiser model, Device device)
    {
        Configuration = configuration;
        EmbeddingProvider = provider;
        Codec = codec;
        vocabulary = new LatentVocabulary(codec, fullEmbeddings, subVocabulary);
        Device = device;
        Denoiser = model;
        Space = PipelineFactory.CreateSpace(configuration, vocabulary.Latent);
        Schedule = PipelineGenerator.CreateSchedule(configuration, delta: null);
        Network = new SmoothieDenoiserNetwork(model, fullEmbeddings.Weights);
        Layout = PipelineFactory.CreateLayout(configuration, codec);
        encoder = new PipelineEncoder(codec, Layout, vocabulary, configuration.SourceLength);
        generator = new PipelineGenerator(configuration, encoder, Network, Space, Schedule, () => Realizer, options => GuardFor(options), Draft, device, codec.PadId);
    }

    /// <summary>The configuration (saved as <c>pipeline.json</c>).</summary>
    public PipelineConfiguration Configuration { get; private set; }

    /// <summary>The text codec: texts to token ids and back.</summary>
    public ITextCodec Codec { get; }

    /// <summary>
    /// Where the target tokens go in the rows the model denoises: the paper's <see cref="FreeLayout"/>, or the
    /// <see cref="SourceAlignedLayout"/> when the model has <see cref="Models.Configuration.DenoiserConfig.AlignedSlotsPerSourceToken"/>.
    /// </summary>
    public ITargetLayout Layout { get; }

    /// <summary>The sub-vocabulary the latent space runs over, or null for the full vocabulary.</summary>
    public SubVocabulary? SubVocabulary => vocabulary.Sub;

    /// <summary>The latent space.</summary>
    public ILatentSpace Space { get; }

    /// <summary>The noise schedule (training and, unless <see cref="GenerationOptions.Delta"/> changes δ, sampling).</summary>
    public INoiseSchedule Schedule { get; }

    /// <summary>The denoiser.</summary>
    public SmoothieDenoiser Denoiser { get; }

    /// <summary>The device.</summary>
    public Device Device { get; }

    /// <summary>
    /// How the training targets usually spell each word (learned when the pipeline is trained, saved as
    /// <c>casing.json</c>); outputs of an uncased vocabulary are spelled with it. Null: outputs keep the source's
    /// spellings and lower case otherwise.
    /// </summary>
    public CasingTable? Casing
    {
        get => casing;
        set
        {
            casing = value;
            realizer = null;
        }
    }

    /// <summary>
    /// The lower-cased words of the training targets (learned when the pipeline is trained, saved as
    /// <c>target-words.txt</c>): the realizer never "repairs" one of them into a source word, and the
    /// <see cref="LookupGuard"/> counts a word outside them (and the source) as invented. Null for folders saved before
    /// issue 27.
    /// </summary>
    public TargetWordList? TargetWords
    {
        get => targetWords;
        set
        {
            targetWords = value;
            realizer = null;
        }
    }

    /// <summary>
    /// The word lookup learned from the training pairs (learned when the pipeline is trained, saved as <c>lookup.tsv</c>):
    /// the <see cref="LookupGuard"/> repairs outputs with it (<see cref="GenerationOptions.Guard"/>). Null for folders saved
    /// before issue 27: then no guard runs.
    /// </summary>
    public WordLookupBaseline? Lookup { get; set; }

    /// <summary>
    /// Turns generated content into text: for WordPiece codecs whole words spelled as the source or <see cref="Casing"/>
    /// spells them, the words of <see cref="TargetWords"/> left as they are (<see cref="WordPieceIdRealizer"/>); other
    /// codecs detokenize as they do (<see cref="DecodingRealizer"/>).
    /// </summary>
    public ITextRealizer Realizer => realizer ??= ITextRealizer.For(Codec, Casing, TargetWords);

    /// <summary>Where the vocabulary and embeddings come from.</summary>
    internal IEmbeddingProvider EmbeddingProvider { get; }


    /// <summary>The denoiser as the trainer and sampler see it.</summary>
    internal SmoothieDenoiserNetwork Network { get; }

    /// <summary>The normalised full-vocabulary embedding matrix (sources are embedded with it).</summary>
    internal EmbeddingMatrix FullEmbeddings => vocabulary.Full;

    /// <summary>The id that pads targets, in latent (sub-vocabulary) ids.</summary>
    internal long TargetPadId => vocabulary.PadId;

    /// <summary>The most content tokens one source row holds (the source length minus the start and end tokens).</summary>
    internal int MaxSourceContent => encoder.MaxSourceContent;

    /// <summary>The <see cref="GenerateAsync"/> streams whose producer thread is still running; read by the tests.</summary>
    internal int ActiveStreams => generator.ActiveStreams;

    /// <summary>Loads a pipeline folder written by <see cref="Save"/>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="device">Where to run.</param>
    public static SmoothiePipeline Load(string directory, DeviceKind device = DeviceKind.Auto) => PipelineFolder.Load(directory, device);

    /// <summary>Saves the pipeline as a folder (configuration, vocabulary, sub-vocabulary, weights).</summary>
    /// <param name="directory">The folder (created; existing pipeline files are replaced atomically).</param>
    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        PipelineFolder.Save(this, directory);
    }

    /// <summary>Records free-form notes (e.g. how the model was trained) saved with the configuration.</summary>
    /// <param name="key">The note's name.</param>
    /// <param name="value">The note.</param>
    public void SetNote(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var notes = new Dictionary<string, string>(Configuration.Notes) { [key] = value ?? string.Empty };
        Configuration = Configuration with { Notes = notes };
    }

    /// <summary>
    /// Rewrites each source text (seq2seq generation), in batches. A source longer than the model's source length is
    /// split at clause, comma or word boundaries, each piece is rewritten, and the pieces are joined, so nothing is
    /// dropped. An empty or blank source gives an empty output without running the model.
    /// </summary>
    /// <param name="sources">Source texts.</param>
    /// <param name="options">Steps, solver, δ, seed, batch size; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public IReadOnlyList<string> Generate(IReadOnlyList<string> sources, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return generator.Generate(sources, options, cancellationToken);
    }

    /// <summary>
    /// Rewrites each source text as <see cref="Generate"/> does and reports, per source, how much of it the model can
    /// represent (<see cref="InputCoverage"/>: the share of <c>[UNK]</c> tokens, and of tokens outside the sub-vocabulary).
    /// </summary>
    /// <param name="sources">Source texts.</param>
    /// <param name="options">Steps, solver, δ, seed, batch size; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public IReadOnlyList<GenerationResult> GenerateWithCoverage(IReadOnlyList<string> sources, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> texts = Generate(sources, options, cancellationToken);
        return texts.Select((text, i) => new GenerationResult(text, Coverage(sources[i]))).ToList();
    }

    /// <summary>
    /// How much of <paramref name="source"/> the model can represent: its content tokens, how many the codec maps to
    /// <c>[UNK]</c>, and how many known tokens lie outside the <see cref="SubVocabulary"/>. Tokenizes only; no model call.
    /// </summary>
    /// <param name="source">A source text.</param>
    public InputCoverage Coverage(string source)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(source);
        IReadOnlyList<int> ids = Codec.Tokenize(source);
        int unknown = 0, outside = 0;
        foreach (int id in ids)
        {
            if (id == Codec.UnknownId)
            {
                unknown++;
            }
            else if (SubVocabulary is { } sub && !sub.Contains(id))
            {
                outside++;
            }
        }

        return new InputCoverage(ids.Count, unknown, outside);
    }

    /// <summary>
    /// Rewrites one source text and streams the text decoded at every <paramref name="every"/>-th step; the last update
    /// is the final output. Runs on a background thread; cancellation, or leaving the <c>await foreach</c> early, stops
    /// it between steps (disposing the enumerator waits for that step to end).
    /// </summary>
    /// <param name="source">The source text.</param>
    /// <param name="options">Generation settings.</param>
    /// <param name="every">Stream every this many steps.</param>
    /// <param name="cancellationToken">Stops the generation.</param>
    public async IAsyncEnumerable<GenerationUpdate> GenerateAsync(string source, GenerationOptions? options = null, int every = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        await foreach (GenerationUpdate update in generator.StreamAsync(source, options, every, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    /// <summary>
    /// The sampler settings and δ a generation with <paramref name="options"/> uses: each value the options leave null
    /// comes from the pipeline's defaults (<see cref="PipelineConfiguration.SamplingSteps"/>,
    /// <see cref="PipelineConfiguration.ClampToNearestToken"/>, <see cref="PipelineConfiguration.SamplingDelta"/>; δ null = the schedule's own).
    /// </summary>
    /// <param name="options">Generation options.</param>
    public (SamplingOptions Sampling, double? Delta) EffectiveSampling(GenerationOptions options) => generator.EffectiveSampling(options);

    /// <summary>
    /// What the model is given for <paramref name="source"/>: the source itself, or with
    /// <see cref="PipelineConfiguration.SourceDraft"/> <see cref="SourceDraftKind.WordLookup"/> the <see cref="Lookup"/>'s
    /// rewrite of it (<see cref="SourceDraftKind.WordLookupInContext"/>: with its predictions in context; training drafts
    /// its pairs' sources the same way).
    /// </summary>
    /// <param name="source">A source text.</param>
    /// <exception cref="InvalidOperationException">The pipeline drafts with its lookup but has none.</exception>
    public string Draft(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Configuration.SourceDraft == SourceDraftKind.None)
        {
            return source;
        }

        WordLookupBaseline lookup = Lookup ?? throw new InvalidOperationException("This pipeline drafts its sources with its word lookup (sourceDraft word-lookup), but it has none: set SmoothiePipeline.Lookup, train it, or load a folder with lookup.tsv.");
        bool inContext = Configuration.SourceDraft == SourceDraftKind.WordLookupInContext;
        if (inContext && !lookup.HasContexts)
        {
            throw new InvalidOperationException("This pipeline drafts with its word lookup in context (sourceDraft word-lookup-in-context), but its lookup holds no contexts (read from a lookup.tsv older than version 4): learn it again (WordLookupBaseline.Learn) or retrain.");
        }

        return lookup.Rewrite(source, Configuration.SourceDraftShare, inContext);
    }

    /// <summary>The guard a generation with <paramref name="options"/> applies: null when the options turn it off or there is no <see cref="Lookup"/>.</summary>
    private LookupGuard? GuardFor(GenerationOptions options) =>
        options.Guard is { } guard && Lookup is { } lookup
            ? new LookupGuard(lookup, TargetWords, WithDraft(guard))
            : null;

    /// <summary>The guard's options completed from the pipeline's draft: read in context when it drafts in context, keeping what the draft keeps (<see cref="LookupGuardOptions.KeepDrafted"/>).</summary>
    private LookupGuardOptions WithDraft(LookupGuardOptions guard) => guard with
    {
        InContext = guard.InContext || Configuration.SourceDraft == SourceDraftKind.WordLookupInContext,
        KeepShare = guard.KeepShare ?? (guard.KeepDrafted ? Configuration.DraftKeepShare : null),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Denoiser.Dispose();
        vocabulary.Dispose();
    }

    /// <summary>Encodes targets into latent ids of the target length (<c>[UNK]</c> for tokens outside the sub-vocabulary).</summary>
    /// <param name="texts">Target texts.</param>
    internal IReadOnlyList<long[]> EncodeTargets(IReadOnlyList<string> texts) => encoder.EncodeTargets(texts);

    /// <summary>
    /// Encodes source texts as targets: codec ids of the target length in latent ids, where a token outside the
    /// sub-vocabulary becomes the kept token nearest to it in embedding space.
    /// </summary>
    /// <param name="texts">Source texts.</param>
    internal IReadOnlyList<long[]> EncodeSourcesAsTargets(IReadOnlyList<string> texts)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return encoder.EncodeSourcesAsTargets(texts);
    }

    /// <summary>Encodes training pairs: long sources split with their targets, targets laid out by <see cref="Layout"/> in latent ids.</summary>
    /// <param name="pairs">The pairs.</param>
    internal PairEncoding EncodePairs(IReadOnlyList<Seq2SeqPair> pairs)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return encoder.EncodePairs(pairs);
    }

    /// <summary>The content tokens (codec ids, special tokens removed) of one generated row in latent ids, as <see cref="Layout"/> reads it.</summary>
    /// <param name="ids">One generated row.</param>
    internal int[] TargetContent(long[] ids) => encoder.TargetContent(ids);
}
