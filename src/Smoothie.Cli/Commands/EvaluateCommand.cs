using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Smoothie.Data;
using Smoothie.Evaluation;
using Smoothie.Text.Baselines;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie evaluate</c>: scores hypotheses against references with the chosen metrics; given the training pairs
/// (<c>--train-src</c>, <c>--train-ref</c>) and the sources, also the baselines copy source and word lookup beside them.
/// </summary>
internal static class EvaluateCommand
{
    private static readonly string[] KnownMetrics = ["bleu", "rouge", "sari", "dist", "bertscore", "archaic", "reader"];

    public static Command Create()
    {
        var hyp = new Option<string>("--hyp") { Description = "Hypotheses, one per line.", Required = true };
        var reference = new Option<string>("--ref") { Description = "References, one per line.", Required = true };
        var src = new Option<string?>("--src") { Description = "Sources, one per line (needed by SARI, archaic, reader and the baselines)." };
        var metrics = new Option<string>("--metrics") { Description = "Comma-separated: bleu, rouge, sari, dist, bertscore, archaic (share of the inputs' archaic words rewritten, %; needs --src), reader (kept, invented, clean rows, edit P/R/F0.5, %; needs --src and --train-ref).", DefaultValueFactory = _ => "bleu,rouge" };
        var trainSrc = new Option<string?>("--train-src") { Description = "The training sources, one per line: with --train-ref and --src, adds the baselines copy source and word lookup (learned from the training pairs) and the paired bootstrap of BLEU against the lookup." };
        var trainRef = new Option<string?>("--train-ref") { Description = "The training targets, one per line: the words an output may use without counting as invented (reader)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var compare = new Option<string[]>("--compare") { Description = "Another system's outputs, one per line (repeatable): scored beside the hypotheses, with the paired bootstrap of BLEU (hypotheses vs it).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("evaluate", "Score generated texts against references.") { hyp, reference, src, metrics, trainSrc, trainRef, compare, json };
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

            string? needsSource = names.FirstOrDefault(n => n is "sari" or "archaic" or "reader") ?? (parse.GetValue(trainSrc) is null ? null : "--train-src");
            if (needsSource is not null && sources is null)
            {
                throw new ArgumentException($"{(needsSource.StartsWith('-') ? needsSource : "--metrics " + needsSource)} needs --src FILE (the inputs).");
            }

            if (sources is not null && sources.Count != hypotheses.Count)
            {
                throw new ArgumentException($"--src has {sources.Count} lines but --hyp has {hypotheses.Count}; they must match line for line.");
            }

            (WordLookupBaseline? lookup, TargetWordList? targetWords) = Training(parse.GetValue(trainSrc), parse.GetValue(trainRef), names.Contains("reader"));
            var systems = new List<(string Name, IReadOnlyList<string> Outputs)> { ("score", hypotheses) };
            if (lookup is not null)
            {
                systems.Add(("copy source", sources!));
                systems.Add(("word lookup", lookup.RewriteAll(sources!)));
            }

            var bootstraps = new List<(string Name, PairedBootstrapResult Result)>();
            if (lookup is not null)
            {
                bootstraps.Add(("lookup", BleuBootstrap.Compare(hypotheses, systems[2].Outputs, references)));
            }

            foreach (string file in parse.GetValue(compare) ?? [])
            {
                IReadOnlyList<string> other = Seq2SeqReader.ReadLines(file);
                if (other.Count != hypotheses.Count)
                {
                    throw new ArgumentException($"--compare {file} has {other.Count} lines but --hyp has {hypotheses.Count}; they must match line for line.");
                }

                string name = Path.GetFileName(file);
                systems.Add((name, other));
                bootstraps.Add((name, BleuBootstrap.Compare(hypotheses, other, references)));
            }

            var scores = systems.Select(sys => Scores(names, sys.Outputs, references, sources, targetWords)).ToList();
            Print(parse.GetValue(json), systems.Select(sys => sys.Name).ToList(), scores, bootstraps);
            return 0;
        }));
        return command;
    }

    private static (WordLookupBaseline? Lookup, TargetWordList? TargetWords) Training(string? trainSrc, string? trainRef, bool reader)
    {
        if (trainRef is null)
        {
            return trainSrc is null && !reader ? (null, null) : throw new ArgumentException((reader ? "--metrics reader" : "--train-src") + " needs --train-ref FILE (the training targets, one per line).");
        }

        IReadOnlyList<string> targets = Seq2SeqReader.ReadLines(trainRef);
        var words = TargetWordList.FromTexts(targets);
        if (trainSrc is null)
        {
            return (null, words);
        }

        IReadOnlyList<string> trainingSources = Seq2SeqReader.ReadLines(trainSrc);
        if (trainingSources.Count != targets.Count)
        {
            throw new ArgumentException($"--train-src has {trainingSources.Count} lines but --train-ref has {targets.Count}; they must match line for line.");
        }

        return (WordLookupBaseline.Learn(trainingSources, targets), words);
    }

    private static List<(string Name, double Value)> Scores(string[] names, IReadOnlyList<string> hypotheses, IReadOnlyList<string> references, IReadOnlyList<string>? sources, TargetWordList? targetWords)
    {
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
                case "reader":
                    IReadOnlyDictionary<string, double> reader = ReaderMetrics.Compute(sources!, hypotheses, references, targetWords!).ToScores();
                    scores.AddRange(reader.Where(p => p.Key != "rows").Select(p => (p.Key.Replace('_', '-') + "-%", p.Value)));
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

        return scores;
    }

    private static void Print(bool json, IReadOnlyList<string> systems, IReadOnlyList<List<(string Name, double Value)>> scores, IReadOnlyList<(string Name, PairedBootstrapResult Result)> bootstraps)
    {
        if (json)
        {
            var values = new Dictionary<string, double>();
            for (int s = 0; s < systems.Count; s++)
            {
                string prefix = s == 0 ? string.Empty : systems[s].Replace(' ', '-') + ":";
                foreach ((string name, double value) in scores[s])
                {
                    values[prefix + name] = Math.Round(value, 4);
                }
            }

            foreach ((string name, PairedBootstrapResult bootstrap) in bootstraps)
            {
                string key = "vs-" + name.Replace(' ', '-');
                values[key + ":delta-bleu"] = Math.Round(bootstrap.Difference, 4);
                values[key + ":delta-bleu-lower"] = Math.Round(bootstrap.Lower, 4);
                values[key + ":delta-bleu-upper"] = Math.Round(bootstrap.Upper, 4);
                values[key + ":p"] = Math.Round(bootstrap.PValue, 4);
            }

            Console.WriteLine(JsonSerializer.Serialize(values, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var table = new Table().AddColumn("metric");
        foreach (string system in systems)
        {
            table.AddColumn(new TableColumn(system).RightAligned());
        }

        for (int row = 0; row < scores[0].Count; row++)
        {
            table.AddRow([scores[0][row].Name, .. scores.Select(s => s[row].Value.ToString(s[row].Value > 1 ? "F2" : "F4", CultureInfo.InvariantCulture))]);
        }

        AnsiConsole.Write(table);
        foreach ((string name, PairedBootstrapResult bootstrap) in bootstraps)
        {
            AnsiConsole.Console.WriteLine(EvaluationPrinter.BootstrapLine("hypotheses vs " + name, bootstrap));
        }
    }
}
