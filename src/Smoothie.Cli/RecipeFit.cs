using System.Globalization;
using Smoothie.Data;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Text;
using Smoothie.Text.Fit;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>
/// Before training (train, quickstart, ablate): measures how the recipe fits the training pairs (<see cref="DataFit"/>),
/// chooses the layout and draft share when <c>--layout</c> is not given (<see cref="Select"/>), and prints the decision with its
/// numbers and a warning, naming the option to use, when the vocabulary does not fit the target language, when an
/// explicit <c>--layout</c> contradicts the measurement or when many training pieces do not fit the lengths.
/// </summary>
internal static class RecipeFit
{
    /// <summary>Warn when the chosen layout drops more than this share of the training pieces (their target does not fit).</summary>
    public const double DroppedShareWarning = 0.02;

    /// <summary>The codec of the vocabulary <paramref name="embeddings"/> names (<see cref="TrainSettings.Embeddings"/>).</summary>
    public static ITextCodec CodecOf(string embeddings) => embeddings == TrainSettings.Gpt2EmbeddingsName ? Gpt2TextCodec.Create() : MiniLmEmbeddings.CreateCodec();

    /// <summary>A reader's name for the vocabulary <paramref name="embeddings"/> names.</summary>
    public static string NameOf(string embeddings) => embeddings == TrainSettings.Gpt2EmbeddingsName
        ? "GPT-2 byte-level BPE (--embeddings gpt2)"
        : "MiniLM uncased English WordPiece (--embeddings minilm)";

    /// <summary>Measures the training pairs with the vocabulary <paramref name="embeddings"/> names at the lengths of <paramref name="settings"/>.</summary>
    public static DataFitReport Measure(TrainSettings settings, string embeddings, IReadOnlyList<Seq2SeqPair> train) =>
        DataFit.Measure(CodecOf(embeddings), train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList(), new DataFitOptions { SourceLength = settings.SourceLength, TargetLength = settings.TargetLength });

    /// <summary>Measures, prints the decision and the warnings, and returns the settings with the layout the data selects.</summary>
    public static TrainSettings Apply(TrainSettings settings, IReadOnlyList<Seq2SeqPair> train, IAnsiConsole console)
    {
        DataFitReport report = Measure(settings, settings.Embeddings, train);
        DataFitReport? alternative = settings.Embeddings == TrainSettings.MiniLmEmbeddingsName && !report.VocabularyFits
            ? Measure(settings, TrainSettings.Gpt2EmbeddingsName, train)
            : null;
        settings = Select(settings, report);
        console.MarkupLine(Markup.Escape($"Fit to the data ({report.PairsMeasured:N0} of {report.PairsGiven:N0} training pairs, {NameOf(settings.Embeddings)}):"));
        foreach (string line in Lines(settings, report))
        {
            console.MarkupLine("  " + Markup.Escape(line));
        }

        foreach (string warning in Warnings(settings, report, alternative))
        {
            console.MarkupLine("[yellow]warning[/]: " + Markup.Escape(warning));
        }

        return settings;
    }

    /// <summary>
    /// The settings with the layout and draft share the measurement selects: near-copies (<see cref="DataFitReport.SuitsAlignedLayout"/>)
    /// take the aligned layout on the lookup's draft of the words it is sure of; other targets (a translation) take the
    /// aligned layout on a draft that rewrites every word the lookup knows (draft share 0: the model edits a word-for-word
    /// translation; docs/results.md §13), or the free layout when the run has no draft (<c>--draft none</c>).
    /// </summary>
    public static TrainSettings Select(TrainSettings settings, DataFitReport report) => report.SuitsAlignedLayout
        ? settings with { MeasuredLayout = "aligned", MeasuredDraftShare = null }
        : settings with { MeasuredLayout = settings.Draft == "none" ? "free" : "aligned", MeasuredDraftShare = 0 };

    /// <summary>The decision and the numbers: layout, vocabulary, lengths.</summary>
    public static IReadOnlyList<string> Lines(TrainSettings settings, DataFitReport report)
    {
        string share = $"{DataFitReport.Percent(report.AlignedShare)} of the target tokens are copies of source tokens (a near-copy: ≥ {DataFitReport.Percent(DataFitReport.AlignedLayoutMinimumShare)})";
        bool aligned = settings.UsesAlignedLayout(settings.Latent);
        if (settings.Layout is null && aligned && !report.SuitsAlignedLayout && settings.UsesDraft(settings.Latent) != Smoothie.Diffusion.Configuration.SourceDraftKind.None)
        {
            share += "; not a near-copy, so the model edits the lookup's word-for-word draft";
        }

        string layout = aligned ? "aligned" : "free";
        string why = settings.Layout is not null ? $"--layout {settings.Layout}; {share}"
            : !settings.UsesCopyHead(settings.Latent) ? $"the model has no copy head; {share}"
            : share;
        string model = $"copy head {(settings.UsesCopyHead(settings.Latent) ? "on" : "off")}, source draft {settings.UsesDraft(settings.Latent) switch
        {
            Smoothie.Diffusion.Configuration.SourceDraftKind.WordLookupInContext => "lookup-context",
            Smoothie.Diffusion.Configuration.SourceDraftKind.WordLookup => "lookup",
            _ => "none",
        }}{(settings.UsesDraft(settings.Latent) == Smoothie.Diffusion.Configuration.SourceDraftKind.None ? string.Empty : Invariant($" (draft share {settings.UsesDraftShare:0.0##})"))}";
        return
        [
            $"layout: {layout} — {why}; {model}.",
            Invariant($"vocabulary: {report.PiecesPerTargetWord:0.00} pieces per target word, {DataFitReport.Percent(report.UnknownTargetShare)} [UNK], {DataFitReport.Percent(report.AlteredWordShare)} of the target words altered by the codec (fits: ≤ {DataFitReport.MaxPiecesPerWord:0.0#}, ≤ {DataFitReport.Percent(DataFitReport.MaxUnknownShare)}, ≤ {DataFitReport.Percent(DataFitReport.MaxAlteredWordShare)})."),
            Invariant($"lengths (source {settings.SourceLength}, target {(aligned ? $"2 slots per source token" : settings.TargetLength.ToString(CultureInfo.InvariantCulture))}): {report.SplitPairs:N0} of {report.PairsMeasured:N0} pairs split at clause or word boundaries; {DataFitReport.Percent(aligned ? report.AlignedDroppedShare : report.FreeDroppedShare)} of the {report.Pieces:N0} pieces dropped because their target does not fit."),
        ];
    }

    /// <summary>The warnings: an explicit layout against the measurement, a vocabulary that does not fit, many dropped pieces.</summary>
    /// <param name="settings">The run's settings (with <see cref="TrainSettings.MeasuredLayout"/>).</param>
    /// <param name="report">The measurement with the run's vocabulary.</param>
    /// <param name="alternative">The measurement with GPT-2's vocabulary when the run's is MiniLM's and does not fit, else null.</param>
    public static IReadOnlyList<string> Warnings(TrainSettings settings, DataFitReport report, DataFitReport? alternative)
    {
        var warnings = new List<string>();
        string share = DataFitReport.Percent(report.AlignedShare);
        string needed = DataFitReport.Percent(DataFitReport.AlignedLayoutMinimumShare);
        if (settings.UsesAlignedLayout(settings.Latent) && !report.SuitsAlignedLayout && settings.UsesDraft(settings.Latent) == Smoothie.Diffusion.Configuration.SourceDraftKind.None)
        {
            warnings.Add($"--layout aligned without a draft, but only {share} of the target tokens are copies of source tokens: the aligned layout assumes the target is a near-copy of what the model is given (≥ {needed}); give it the lookup's draft (--draft lookup-context --draft-share 0, the default for such data) or use --layout free.");
        }
        else if (settings.Layout == "free" && report.SuitsAlignedLayout && settings.UsesCopyHead(settings.Latent))
        {
            warnings.Add($"--layout free, but {share} of the target tokens are copies of source tokens (≥ {needed}): the targets are near-copies, which the aligned layout (the default for such data) learns much faster (docs/results.md §10).");
        }

        if (!report.VocabularyFits)
        {
            string problems = string.Join("; ", report.VocabularyProblems());
            warnings.Add(settings.Embeddings == TrainSettings.MiniLmEmbeddingsName
                ? $"the MiniLM vocabulary (uncased English WordPiece) does not fit the target language: {problems}. Use --embeddings gpt2 (GPT-2's byte-level BPE, offline: any language, accents and case kept, no [UNK]; embeddings trained on these pairs)"
                    + (alternative is null ? "." : Invariant($", which measures {alternative.PiecesPerTargetWord:0.00} pieces per target word, {DataFitReport.Percent(alternative.UnknownTargetShare)} [UNK] and {DataFitReport.Percent(alternative.AlteredWordShare)} of the words altered on these pairs."))
                : $"GPT-2's byte-level vocabulary does not fit the target language well: {problems}. No vocabulary shipped with Smoothie fits it better; a vocabulary of the language with its embeddings can be given to the library with SmoothieBuilder.UseEmbeddings(codec, embeddings).");
        }

        bool aligned = settings.UsesAlignedLayout(settings.Latent);
        double dropped = aligned ? report.AlignedDroppedShare : report.FreeDroppedShare;
        if (dropped > DroppedShareWarning)
        {
            warnings.Add($"{DataFitReport.Percent(dropped)} of the training pieces are dropped because their target does not fit "
                + (aligned
                    ? $"the aligned layout's two slots per source token (the targets are much longer than their sources; --layout free --target-length {report.SuggestedTargetLength} keeps {DataFitReport.Percent(DataFitReport.KeptPieceShare)} of them)."
                    : $"--target-length {settings.TargetLength} (the targets have more tokens than their sources); --target-length {report.SuggestedTargetLength} keeps {DataFitReport.Percent(DataFitReport.KeptPieceShare)} of them."));
        }

        return warnings;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
