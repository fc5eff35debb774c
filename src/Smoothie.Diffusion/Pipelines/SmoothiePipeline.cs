using Smoothie.Text.Realization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Embeddings;
using Smoothie.Data;
using Smoothie.Embeddings;
using Smoothie.Text.Layout;
using Smoothie.Latent.Spaces;
using Smoothie.Text;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using Smoothie.Sampling;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// A ready-to-use Smoothie text diffusion model: text codec, embeddings, latent space, noise schedule and denoiser.
/// Create one with <see cref="SmoothieBuilder"/> or <see cref="Load"/>; train it with <see cref="Train"/>; generate with
/// <see cref="Generate"/> or <see cref="GenerateAsync"/>; save it as a folder with <see cref="Save"/>.
/// Not thread-safe: use one call at a time (the DI generator serialises concurrent requests).
/// </summary>
public sealed class SmoothiePipeline : IDisposable
{
    private readonly EmbeddingMatrix fullEmbeddings;
    private readonly EmbeddingMatrix latentEmbeddings;
    private bool disposed;

    internal SmoothiePipeline(PipelineConfiguration configuration, IEmbeddingProvider provider, ITextCodec codec, EmbeddingMatrix fullEmbeddings, SubVocabulary? subVocabulary, SmoothieDenoiser model, Device device)
    {
        Configuration = configuration;
        EmbeddingProvider = provider;
        Codec = codec;
        this.fullEmbeddings = fullEmbeddings;
        SubVocabulary = subVocabulary;
        latentEmbeddings = subVocabulary is null ? fullEmbeddings : fullEmbeddings.Restrict(subVocabulary);
        Device = device;
        Model = model;
        Space = configuration.Latent switch
        {
            LatentSpaceKind.Distance => new DistanceLatentSpace(latentEmbeddings, configuration.SigmaMin, inputMode: configuration.DistanceInput == "posterior" ? DistanceInputMode.Posterior : DistanceInputMode.SoftmaxMix),
            LatentSpaceKind.Embedding => new EmbeddingLatentSpace(latentEmbeddings),
            LatentSpaceKind.Simplex => new SimplexLatentSpace(latentEmbeddings, configuration.SimplexK),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration.Latent, "Unknown latent space."),
        };
        Schedule = CreateSchedule(configuration, delta: null);
        Network = new SmoothieDenoiserNetwork(model, fullEmbeddings.Weights);
        Layout = model.Config.IsSourceAligned ? new SourceAlignedLayout(model.Config.AlignedSlotsPerSourceToken, codec.StartId, codec.EndId, codec.PadId) : null;
        Chunker = new SourceChunker(codec.Tokens);
    }

    /// <summary>The source-aligned target layout when the model uses one (<see cref="DenoiserConfig.AlignedSlotsPerSourceToken"/>), else null.</summary>
    public SourceAlignedLayout? Layout { get; }

    /// <summary>Splits sources longer than the source length at clause or word boundaries (generation and training).</summary>
    public SourceChunker Chunker { get; }

    /// <summary>
    /// How the training targets usually spell each word (learned when the pipeline is trained, saved as
    /// <c>casing.json</c>); outputs of an uncased vocabulary are spelled with it. Null: outputs keep the source's
    /// spellings and lower case otherwise.
    /// </summary>
    public CasingTable? Casing { get; set; }

    /// <summary>The most content tokens one source row holds (the source length minus the start and end tokens).</summary>
    public int MaxSourceContent => Configuration.SourceLength - (Codec.StartId is null ? 1 : 2);

    /// <summary>The configuration (saved as <c>pipeline.json</c>).</summary>
    public PipelineConfiguration Configuration { get; private set; }

    /// <summary>Where the vocabulary and embeddings come from.</summary>
    public IEmbeddingProvider EmbeddingProvider { get; }

    /// <summary>The text codec.</summary>
    public ITextCodec Codec { get; }

    /// <summary>The sub-vocabulary the latent space runs over, or null for the full vocabulary.</summary>
    public SubVocabulary? SubVocabulary { get; }

    /// <summary>The latent space.</summary>
    public ILatentSpace Space { get; }

    /// <summary>The noise schedule.</summary>
    public INoiseSchedule Schedule { get; }

    /// <summary>The denoiser.</summary>
    public SmoothieDenoiser Model { get; }

    /// <summary>The denoiser as the trainer and sampler see it.</summary>
    public SmoothieDenoiserNetwork Network { get; }

    /// <summary>The device.</summary>
    public Device Device { get; }

    /// <summary>The normalised full-vocabulary embedding matrix (sources are embedded with it).</summary>
    public EmbeddingMatrix FullEmbeddings => fullEmbeddings;

    /// <summary>The id that pads targets, in latent (sub-vocabulary) ids.</summary>
    public long TargetPadId => SubVocabulary?.ToSub(Codec.PadId) ?? Codec.PadId;

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

    /// <summary>Encodes targets into latent ids (the sub-vocabulary when there is one).</summary>
    /// <param name="texts">Target texts.</param>
    /// <exception cref="ArgumentException">A token of a text is not in the sub-vocabulary.</exception>
    public IReadOnlyList<long[]> EncodeTargets(IReadOnlyList<string> texts) =>
        EncodeInLatentIds(texts, (sub, missing) => missing.ToDictionary(id => id, _ => (long)sub.ToSub(Codec.UnknownId ?? Codec.PadId)));

    /// <summary>Encodes sources into (full-vocabulary) ids of the configured source length.</summary>
    /// <param name="texts">Source texts.</param>
    public IReadOnlyList<long[]> EncodeSources(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        EncodedBatch batch = Codec.EncodeBatch(texts, Configuration.SourceLength);
        return Enumerable.Range(0, texts.Count).Select(i => batch.Row(i).ToArray()).ToList();
    }

    /// <summary>
    /// Encodes source texts as targets: codec ids of the configured <em>target</em> length in latent (sub-vocabulary) ids,
    /// where a token outside the sub-vocabulary becomes the kept token nearest to it in embedding space. This is where
    /// source-initialised generation (<see cref="GenerationOptions.Strength"/> below 1) starts.
    /// </summary>
    /// <param name="texts">Source texts.</param>
    public IReadOnlyList<long[]> EncodeSourcesAsTargets(IReadOnlyList<string> texts)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return EncodeInLatentIds(texts, (_, missing) => NearestKeptTokens(missing));
    }

    /// <summary>Decodes latent ids to text (free layout: stops at the first end token; source-aligned layout: drops the blanks).</summary>
    /// <param name="ids">One generated row.</param>
    public string DecodeTarget(long[] ids) => Realize(TargetContent(ids), source: null);

    /// <summary>Turns content ids into text; see <see cref="Realize(IReadOnlyList{int}, string?, bool)"/>.</summary>
    /// <param name="content">Content ids.</param>
    /// <param name="source">The source text the output rewrites, or null.</param>
    public string Realize(IReadOnlyList<int> content, string? source) => Realize(content, source, removeRepeatedWords: true);

    /// <summary>
    /// The content tokens (codec ids, special tokens removed) of one generated row in latent ids: up to the first end
    /// token in the free layout, every non-blank slot in the source-aligned layout.
    /// </summary>
    /// <param name="ids">One generated row.</param>
    public int[] TargetContent(long[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var content = new List<int>(ids.Length);
        foreach (long latent in ids)
        {
            int id = SubVocabulary is { } sub ? sub.ToOriginal((int)latent) : checked((int)latent);
            if (id == Codec.EndId && Layout is null)
            {
                break;
            }

            if (!Codec.IsSpecial(id))
            {
                content.Add(id);
            }
        }

        return content.ToArray();
    }

    /// <summary>
    /// Turns content ids into text: for WordPiece codecs, whole words spelled as the source (when given) or the training
    /// targets spell them (<see cref="Casing"/>), sentence starts capitalised, punctuation attached
    /// (<see cref="WordPieceRealizer"/>); other codecs detokenize as they do.
    /// </summary>
    /// <param name="content">Content ids.</param>
    /// <param name="source">The source text the output rewrites, or null.</param>
    /// <param name="removeRepeatedWords">Whether a word equal to the one before it is dropped (WordPiece codecs).</param>
    public string Realize(IReadOnlyList<int> content, string? source, bool removeRepeatedWords)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Codec is WordPieceTextCodec)
        {
            return new WordPieceRealizer(Casing, removeRepeatedWords).Realize(content.Select(id => Codec.Tokens[id]).ToList(), source);
        }

        var row = new List<long>(content.Count + 2);
        if (Codec.StartId is { } startId)
        {
            row.Add(startId);
        }

        row.AddRange(content.Select(id => (long)id));
        row.Add(Codec.EndId);
        return Codec.Decode(row.ToArray());
    }

    /// <summary>
    /// Encodes training pairs: sources longer than the source length are split with their targets
    /// (<see cref="AlignedPairSplitter"/>: each target token goes with the source token it is aligned to); targets are laid
    /// out for the model (source-aligned or free) in latent ids. Pieces whose target does not fit are dropped and counted.
    /// </summary>
    /// <param name="pairs">The pairs.</param>
    public PairEncoding EncodePairs(IReadOnlyList<Seq2SeqPair> pairs)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(pairs);
        var sources = new List<long[]>(pairs.Count);
        var targets = new List<long[]>(pairs.Count);
        int split = 0, dropped = 0;
        int maxTarget = Configuration.TargetLength - (Codec.StartId is null ? 1 : 2);
        foreach (Seq2SeqPair pair in pairs)
        {
            long[] source = Codec.Tokenize(pair.Source).Select(id => (long)id).ToArray();
            long[] target = Codec.Tokenize(pair.Target).Select(id => (long)id).ToArray();
            IReadOnlyList<(long[] Source, long[] Target)> pieces = AlignedPairSplitter.Split(source, target, MaxSourceContent, Chunker);
            split += pieces.Count > 1 ? 1 : 0;
            foreach ((long[] pieceSource, long[] pieceTarget) in pieces)
            {
                long[]? row = Layout is { } layout
                    ? layout.Arrange(pieceSource, pieceTarget, Configuration.SourceLength)
                    : pieceTarget.Length <= maxTarget ? Frame(pieceTarget, Configuration.TargetLength) : null;
                if (row is null)
                {
                    dropped++;
                    continue;
                }

                sources.Add(Frame(pieceSource, Configuration.SourceLength));
                targets.Add(row);
            }
        }

        ToLatentIds(targets, (sub, missing) => missing.ToDictionary(id => id, _ => (long)sub.ToSub(Codec.UnknownId ?? Codec.PadId)));
        return new PairEncoding(pairs.Count, split, targets.Count, dropped, sources, targets);
    }

    /// <summary>A codec row of <paramref name="length"/> ids: start token, content, end token, padding.</summary>
    /// <param name="content">Content ids that fit.</param>
    /// <param name="length">The row length.</param>
    internal long[] Frame(ReadOnlySpan<long> content, int length)
    {
        var row = new long[length];
        Array.Fill(row, (long)Codec.PadId);
        int p = 0;
        if (Codec.StartId is { } startId)
        {
            row[p++] = startId;
        }

        content.CopyTo(row.AsSpan(p));
        row[p + content.Length] = Codec.EndId;
        return row;
    }

    /// <summary>Splits sources into pieces that fit the source length (empty sources have none).</summary>
    private SourcePieces SplitSources(IReadOnlyList<string> sources)
    {
        var pieces = new SourcePieces(sources.Count);
        for (int i = 0; i < sources.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(sources[i], nameof(sources));
            long[] content = Codec.Tokenize(sources[i]).Select(id => (long)id).ToArray();
            IReadOnlyList<int> cuts = content.Length == 0 ? [0] : Chunker.Cuts(content, MaxSourceContent);
            for (int c = 0; c + 1 < cuts.Count; c++)
            {
                long[] piece = content[cuts[c]..cuts[c + 1]];
                pieces.Add(i, piece, Frame(piece, Configuration.SourceLength));
            }
        }

        return pieces;
    }

    /// <summary>
    /// Rewrites each source text (seq2seq generation), in batches. A source longer than the model's source length is
    /// split at clause, comma or word boundaries (<see cref="Chunker"/>), each piece is rewritten, and the pieces are
    /// joined, so nothing is dropped. An empty or blank source gives an empty output without running the model.
    /// </summary>
    /// <param name="sources">Source texts.</param>
    /// <param name="options">Steps, solver, δ, seed, batch size; null for the defaults.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public IReadOnlyList<string> Generate(IReadOnlyList<string> sources, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new GenerationOptions();
        Validate(options);
        DiffusionSampler sampler = CreateSampler(options);
        SamplingOptions sampling = SamplingOptionsFor(options);
        SourcePieces pieces = SplitSources(sources);
        var generated = new List<long[]>(pieces.Count);
        for (int start = 0; start < pieces.Count; start += options.BatchSize)
        {
            var rows = pieces.Rows.Skip(start).Take(options.BatchSize).ToList();
            using var scope = NewDisposeScope();
            using Seq2SeqBatch batch = Seq2SeqBatch.FromSources(rows, Codec.PadId, Device);
            generated.AddRange(options.Strength < 1
                ? sampler.GenerateFrom(StartTokens(pieces.Contents.Skip(start).Take(rows.Count)), batch, sampling, cancellationToken)
                : sampler.Generate(rows.Count, Configuration.TargetLength, batch, sampling, cancellationToken));
        }

        return Enumerable.Range(0, sources.Count).Select(i => pieces.Join(i, generated, this, sources[i], options.RemoveRepeatedWords)).ToList();
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
    /// is the final output. Runs on a background thread; cancellation stops between steps.
    /// </summary>
    /// <param name="source">The source text.</param>
    /// <param name="options">Generation settings.</param>
    /// <param name="every">Stream every this many steps.</param>
    /// <param name="cancellationToken">Stops the generation.</param>
    public async IAsyncEnumerable<GenerationUpdate> GenerateAsync(string source, GenerationOptions? options = null, int every = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        options ??= new GenerationOptions();
        Validate(options);
        var channel = Channel.CreateBounded<GenerationUpdate>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        Task producer = Task.Run(
            () =>
            {
                try
                {
                    DiffusionSampler sampler = CreateSampler(options);
                    SamplingOptions sampling = SamplingOptionsFor(options);
                    SourcePieces pieces = SplitSources([source]);
                    if (pieces.Count == 0)
                    {
                        // An empty source has an empty rewrite; there is nothing to sample.
                        channel.Writer.WriteAsync(new GenerationUpdate(sampling.Steps, sampling.Steps, 0, string.Empty), cancellationToken).AsTask().GetAwaiter().GetResult();
                        channel.Writer.Complete();
                        return;
                    }

                    using Seq2SeqBatch batch = Seq2SeqBatch.FromSources(pieces.Rows, Codec.PadId, Device);
                    using Tensor? startTokens = options.Strength < 1 ? StartTokens(pieces.Contents) : null;
                    IEnumerable<SamplingStep> steps = startTokens is null
                        ? sampler.Stream(pieces.Count, Configuration.TargetLength, batch, sampling, every, cancellationToken)
                        : sampler.StreamFrom(startTokens, batch, sampling, every, cancellationToken);
                    foreach (SamplingStep step in steps)
                    {
                        var update = new GenerationUpdate(step.Index, sampling.Steps, step.Time, pieces.Join(0, step.TokenIds, this, source, options.RemoveRepeatedWords));
                        channel.Writer.WriteAsync(update, cancellationToken).AsTask().GetAwaiter().GetResult();
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            cancellationToken);

        await foreach (GenerationUpdate update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }

        await producer.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Model.Dispose();
        if (!ReferenceEquals(latentEmbeddings, fullEmbeddings))
        {
            latentEmbeddings.Dispose();
        }

        fullEmbeddings.Dispose();
    }

    internal static INoiseSchedule CreateSchedule(PipelineConfiguration configuration, double? delta)
    {
        NoiseScheduleParameters parameters = configuration.ScheduleParameters;
        if (delta is { } value)
        {
            parameters = parameters is ArctanParameters arctan
                ? arctan with { Delta = value }
                : throw new ArgumentException($"Unknown parameter(s) delta for the '{parameters.ScheduleName}' schedule: sampling with another δ needs the Arctan schedule.", nameof(delta));
        }

        return parameters.CreateSchedule();
    }

    /// <summary>
    /// Codec ids of the target length, mapped into latent ids; the ids the sub-vocabulary lacks are replaced by what
    /// <paramref name="replacementsFor"/> gives for the distinct missing ids.
    /// </summary>
    private List<long[]> EncodeInLatentIds(IReadOnlyList<string> texts, Func<SubVocabulary, long[], IReadOnlyDictionary<long, long>> replacementsFor)
    {
        ArgumentNullException.ThrowIfNull(texts);
        EncodedBatch batch = Codec.EncodeBatch(texts, Configuration.TargetLength);
        var rows = Enumerable.Range(0, texts.Count).Select(i => batch.Row(i).ToArray()).ToList();
        ToLatentIds(rows, replacementsFor);
        return rows;
    }

    /// <summary>Maps codec-id rows into latent ids in place; ids the sub-vocabulary lacks become what <paramref name="replacementsFor"/> gives.</summary>
    private void ToLatentIds(List<long[]> rows, Func<SubVocabulary, long[], IReadOnlyDictionary<long, long>> replacementsFor)
    {
        if (SubVocabulary is not { } sub)
        {
            return;
        }

        long[] missing = rows.SelectMany(row => row).Where(id => !sub.Contains((int)id)).Distinct().ToArray();
        IReadOnlyDictionary<long, long> replacements = missing.Length > 0 ? replacementsFor(sub, missing) : new Dictionary<long, long>();
        foreach (long[] row in rows)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = replacements.TryGetValue(row[j], out long subId) ? subId : sub.ToSub((int)row[j]);
            }
        }
    }

    /// <summary>For each full-vocabulary id, the latent id of the nearest kept token (Euclidean, normalised embeddings).</summary>
    private Dictionary<long, long> NearestKeptTokens(long[] ids)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor vectors = fullEmbeddings.Weights.index_select(0, tensor(ids, device: fullEmbeddings.Device));
        long[] kept = latentEmbeddings.NearestTokens(vectors).cpu().data<long>().ToArray();
        return ids.Select((id, i) => (id, kept[i])).ToDictionary(p => p.id, p => p.Item2);
    }

    private static void Validate(GenerationOptions options)
    {
        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"GenerationOptions.BatchSize must be ≥ 1; got {options.BatchSize}.", nameof(options));
        }

        if (!(options.Strength > 0 && options.Strength <= 1))
        {
            throw new ArgumentException(
                $"GenerationOptions.Strength must lie in (0, 1] (1 = start from noise, lower = keep more of the source); got {options.Strength}.",
                nameof(options));
        }
    }

    /// <summary>The sources laid out as targets (latent ids), where source-initialised sampling starts.</summary>
    private Tensor StartTokens(IEnumerable<long[]> sourceContents)
    {
        int maxTarget = Configuration.TargetLength - (Codec.StartId is null ? 1 : 2);
        List<long[]> block = sourceContents
            .Select(content => Layout is { } layout
                ? layout.Identity(content, Configuration.SourceLength)!
                : Frame(content.AsSpan(0, Math.Min(content.Length, maxTarget)), Configuration.TargetLength))
            .ToList();
        ToLatentIds(block, (_, missing) => NearestKeptTokens(missing));
        return tensor(block.SelectMany(row => row).ToArray(), [block.Count, Configuration.TargetLength], device: Device);
    }

    /// <summary>
    /// The sampler settings and δ a generation with <paramref name="options"/> uses: each value the options leave null
    /// comes from the pipeline's defaults (<see cref="PipelineConfiguration.SamplingSteps"/>,
    /// <see cref="PipelineConfiguration.ClampToNearestToken"/>, <see cref="PipelineConfiguration.SamplingDelta"/>; δ null = the schedule's own).
    /// </summary>
    /// <param name="options">Generation options.</param>
    public (SamplingOptions Sampling, double? Delta) EffectiveSampling(GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (SamplingOptionsFor(options), options.Delta ?? Configuration.SamplingDelta);
    }

    private DiffusionSampler CreateSampler(GenerationOptions options)
    {
        double? delta = EffectiveSampling(options).Delta;
        INoiseSchedule schedule = delta is null ? Schedule : CreateSchedule(Configuration, delta);
        return new DiffusionSampler(Network, Space, schedule, ReverseSteps.Create(options.Solver ?? Configuration.Solver));
    }

    private SamplingOptions SamplingOptionsFor(GenerationOptions options) => new()
    {
        Steps = options.Steps ?? Configuration.SamplingSteps,
        GuidanceScale = options.GuidanceScale,
        Seed = options.Seed,
        SelfConditioning = Network.SupportsSelfConditioning,
        ClampToNearestToken = options.ClampToNearestToken ?? Configuration.ClampToNearestToken,
        StartTime = options.Strength,
    };
}
