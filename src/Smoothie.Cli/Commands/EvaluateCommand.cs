using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Smoothie.Data;
using Smoothie.Evaluation;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary><c>smoothie evaluate</c>: scores hypotheses against references with the chosen metrics.</summary>
internal static class EvaluateCommand
{
    private static readonly string[] KnownMetrics = ["bleu", "rouge", "sari", "dist", "bertscore", "archaic"];

    public static Command Create()
    {
        var hyp = new Option<string>("--hyp") { Description = "Hypotheses, one per line.", Required = true };
        var reference = new Option<string>("--ref") { Description = "References, one per line.", Required = true };
        var src = new Option<string?>("--src") { Description = "Sources, one per line (needed by SARI)." };
        var metrics = new Option<string>("--metrics") { Description = "Comma-separated: bleu, rouge, sari, dist, bertscore, archaic (share of the inputs' archaic words rewritten, %; needs --src).", DefaultValueFactory = _ => "bleu,rouge" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("evaluate", "Score generated texts against references.") { hyp, reference, src, metrics, json };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            string[] names = parse.GetValue(metrics)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => m.ToLowerInvariant()).ToArray();
            string? unknown = names.FirstOrDefault(n => !KnownMetrics.Contains(n));
            if (unknown is not null)
            {
                throw new ArgumentException($"--metrics: unknown metric '{unknown}'; accepted values are {string.Join(", ", KnownMetrics)}.");
            }

            IReadOnlyList<string> hypotheses = Seq2SeqReader.ReadLines(parse.GetValue(hyp)!);
            IReadOnlyList<string> references = Seq2SeqReader.ReadLines(parse.GetValue(reference)!);
            IReadOnlyList<string>? sources = parse.GetValue(src) is { } s ? Seq2SeqReader.ReadLines(s) : null;
            if (hypotheses.Count != references.Count)
            {
                throw new ArgumentException($"--hyp has {hypotheses.Count} lines but --ref has {references.Count}; they must match line for line.");
            }

            if ((names.Contains("sari") || names.Contains("archaic")) && sources is null)
            {
                throw new ArgumentException($"--metrics {(names.Contains("sari") ? "sari" : "archaic")} needs --src FILE (the inputs).");
            }

            if (sources is not null && sources.Count != hypotheses.Count)
            {
                throw new ArgumentException($"--src has {sources.Count} lines but --hyp has {hypotheses.Count}; they must match line for line.");
            }

            var refs = references.Select(r => (IReadOnlyList<string>)[r]).ToList();
            var scores = new List<(string Name, double Value)>();
            foreach (string name in names)
            {
                switch (name)
                {
                    case "bleu":
                        scores.Add(("bleu", new Bleu().CorpusScore(hypotheses, references).Score));
                        scores.Add(("bleu-lowercase", new Bleu(new BleuOptions { Lowercase = true }).CorpusScore(hypotheses, references).Score));
                        break;
                    case "rouge":
                        var rouge = new Rouge().CorpusScore(hypotheses, refs);
                        scores.Add(("rouge1", rouge.Rouge1.F1));
                        scores.Add(("rouge2", rouge.Rouge2.F1));
                        scores.Add(("rougeL", rouge.RougeL.F1));
                        break;
                    case "sari":
                        scores.Add(("sari", new Sari().CorpusScore(sources!, hypotheses, refs)));
                        break;
                    case "archaic":
                        scores.Add(("archaic-rewritten-%", ArchaicWords.Rate(sources!, hypotheses).Rate * 100));
                        break;
                    case "dist":
                        var distinct = new Distinct();
                        foreach (int n in distinct.Orders)
                        {
                            scores.Add(($"distinct-{n}", distinct.Score(hypotheses, n)));
                        }

                        break;
                    case "bertscore":
                        using (var bert = new BertScore())
                        {
                            MetricResult result = bert.Compute(hypotheses, refs);
                            scores.AddRange(result.Scores.Select(p => ("bertscore-" + p.Key.ToLowerInvariant(), p.Value)));
                        }

                        break;
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(scores.ToDictionary(p => p.Name, p => Math.Round(p.Value, 4)), new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                var table = new Table().AddColumn("metric").AddColumn(new TableColumn("score").RightAligned());
                foreach ((string name, double value) in scores)
                {
                    table.AddRow(name, value.ToString(value > 1 ? "F2" : "F4", CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
            }

            return 0;
        }));
        return command;
    }
}
