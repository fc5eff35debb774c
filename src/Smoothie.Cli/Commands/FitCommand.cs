using System.CommandLine;
using System.Globalization;
using Smoothie.Text.Fit;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie fit</c>: measures, without training, how the recipe fits training pairs (<see cref="DataFit"/>) with each
/// vocabulary: the share of the target tokens that are copies of source tokens (which layout the data selects), how the
/// vocabulary covers the target language, and which pairs the lengths split or drop. <c>train</c>, <c>quickstart</c> and
/// <c>ablate</c> print the same measurement for their vocabulary before training.
/// </summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "TSV/CSV/JSONL file of pairs (default: the bundled Bible corpus)." };
        var source = new Option<string>("--source") { Description = "Source column.", DefaultValueFactory = _ => "kjv" };
        var target = new Option<string>("--target") { Description = "Target column.", DefaultValueFactory = _ => "web" };
        var embeddings = new Option<string>("--embeddings") { Description = "Comma-separated vocabularies to measure: minilm, gpt2.", DefaultValueFactory = _ => "minilm,gpt2" };
        var sourceLength = CliOptions.Positive(new Option<int>("--source-length") { Description = "Source tokens per row (as train's).", DefaultValueFactory = _ => 48 });
        var targetLength = CliOptions.Positive(new Option<int>("--target-length") { Description = "Target tokens per row of the free layout (as train's).", DefaultValueFactory = _ => 48 });
        var maxPairs = CliOptions.Positive(new Option<int>("--max-pairs") { Description = "Measure at most this many training pairs, evenly spaced.", DefaultValueFactory = _ => new DataFitOptions().MaxPairs });
        var command = new Command("fit", "Measure, without training, whether the recipe fits training pairs: which layout they select and whether the vocabulary covers the target language.")
        {
            data, source, target, embeddings, sourceLength, targetLength, maxPairs,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            string[] vocabularies = parse.GetValue(embeddings)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => v is TrainSettings.MiniLmEmbeddingsName or TrainSettings.Gpt2EmbeddingsName ? v : throw new ArgumentException($"--embeddings: unknown value '{v}'; expected minilm and/or gpt2."))
                .Distinct().ToArray();
            if (vocabularies.Length == 0)
            {
                throw new ArgumentException("--embeddings needs at least one of minilm, gpt2.");
            }

            var settings = new TrainSettings
            {
                DataFile = parse.GetValue(data),
                SourceColumn = parse.GetValue(source)!,
                TargetColumn = parse.GetValue(target)!,
                SourceLength = parse.GetValue(sourceLength),
                TargetLength = parse.GetValue(targetLength),
            };
            IAnsiConsole console = AnsiConsole.Console;
            var (train, _) = TrainingRecipe.LoadData(settings, console);
            var table = new Table().AddColumns("vocabulary", "pairs", "copied target tokens", "layout", "pieces / word", Markup.Escape("[UNK]"), "words altered", "pairs split", "dropped (aligned)", "dropped (free)", "target length for 98 %", "vocabulary fits");
            foreach (string vocabulary in vocabularies)
            {
                DataFitReport report = DataFit.Measure(RecipeFit.CodecOf(vocabulary), train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList(),
                    new DataFitOptions { SourceLength = settings.SourceLength, TargetLength = settings.TargetLength, MaxPairs = parse.GetValue(maxPairs) });
                table.AddRow(
                    vocabulary,
                    string.Create(CultureInfo.InvariantCulture, $"{report.PairsMeasured:N0} of {report.PairsGiven:N0}"),
                    DataFitReport.Percent(report.AlignedShare),
                    report.SuitsAlignedLayout ? "aligned, draft share 0.7" : "aligned, draft share 0",
                    report.PiecesPerTargetWord.ToString("0.00", CultureInfo.InvariantCulture),
                    DataFitReport.Percent(report.UnknownTargetShare),
                    DataFitReport.Percent(report.AlteredWordShare),
                    report.SplitPairs.ToString("N0", CultureInfo.InvariantCulture),
                    DataFitReport.Percent(report.AlignedDroppedShare),
                    DataFitReport.Percent(report.FreeDroppedShare),
                    report.SuggestedTargetLength.ToString(CultureInfo.InvariantCulture),
                    report.VocabularyFits ? "yes" : Markup.Escape("no: " + string.Join("; ", report.VocabularyProblems())));
            }

            console.Write(table);
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"The model edits the lookup's draft with the aligned layout: a draft of the words the lookup is sure of (share {TrainSettings.DefaultDraftShare:0.0}) when at least {DataFitReport.Percent(DataFitReport.AlignedLayoutMinimumShare)} of the target tokens are copies of source tokens (a near-copy), else a draft of every word it knows (share 0; with --draft none, the free layout; docs/results.md §13). A vocabulary fits when it cuts a target word into at most {DataFitReport.MaxPiecesPerWord:0.0#} pieces, with at most {DataFitReport.Percent(DataFitReport.MaxUnknownShare)} [UNK] and {DataFitReport.Percent(DataFitReport.MaxAlteredWordShare)} of the words altered (docs/training.md).")));
            return 0;
        }));
        return command;
    }
}
