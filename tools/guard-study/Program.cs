using System.Diagnostics;
using System.Globalization;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;
using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

// The decode-time guard study (docs/results.md §10.6):
//   files MODEL           writes MODEL/target-words.txt and MODEL/lookup.tsv from the bundled training split
//   valid MODEL N OUT [offline]  the first N validation verses: one generation per realizer (read from OUT.nowords.txt /
//                         OUT.words.txt when written before; "offline": a realizer without its file is left out), guard variants applied offline
//   drafts OUT [SHARE [context]]  OUT/{train,valid,test}.tsv: kjv, the lookup's draft of it (only words whose prediction
//                         has ≥ SHARE; with context, the surest of the word's and its two neighbour contexts' predictions), web
//   test MODEL SHARE OUT  all test verses: guard off and the chosen guard (restore share SHARE, or "a" for (a) only);
//                         SHARE "none" only generates the guard-off outputs (OUT.off.txt), which later runs read
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
IReadOnlyList<Seq2SeqPair> train = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web");
var clock = Stopwatch.StartNew();
WordLookupBaseline lookup = WordLookupBaseline.Learn(train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList());
TargetWordList words = TargetWordList.FromTexts(train.Select(p => p.Target));
Console.WriteLine($"Learned the lookup ({lookup.Count} rewritten keys) and {words.Count} target words from {train.Count} training pairs in {clock.Elapsed.TotalSeconds:F1} s.");
string model = args[1];
switch (args[0])
{
    case "files":
        words.Save(Path.Combine(model, PipelineFolder.TargetWordsFile));
        lookup.Save(Path.Combine(model, PipelineFolder.LookupFile));
        Console.WriteLine($"Wrote {PipelineFolder.TargetWordsFile} and {PipelineFolder.LookupFile} into {model}.");
        return;
    case "valid":
        GuardStudy.Valid(model, int.Parse(args[2], CultureInfo.InvariantCulture), args[3], lookup, words, args.Length > 4 && args[4] == "offline");
        return;
    case "drafts":
        // train/valid/test TSVs with the columns kjv, draft (the lookup's rewrite of kjv) and web, for the draft study.
        Directory.CreateDirectory(model);
        foreach ((BibleSplit split, string name) in new[] { (BibleSplit.Train, "train"), (BibleSplit.Valid, "valid"), (BibleSplit.Test, "test") })
        {
            IReadOnlyList<Seq2SeqPair> rows = BibleCorpus.Pairs(split, "kjv", "web");
            double share = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0;
            bool inContext = args.Length > 3 && args[3] == "context";
            IReadOnlyList<string> drafts = rows.Select(p => lookup.Rewrite(p.Source, share, inContext)).ToList();
            File.WriteAllLines(Path.Combine(model, name + ".tsv"), new[] { "kjv\tdraft\tweb" }.Concat(rows.Select((p, i) => $"{p.Source}\t{drafts[i]}\t{p.Target}")));
        }

        Console.WriteLine($"Wrote train/valid/test.tsv with drafts into {model}.");
        return;
    case "test":
        GuardStudy.Test(model, args[2], args[3], lookup, words);
        return;
    default:
        throw new ArgumentException($"Unknown mode {args[0]}.");
}

internal static class GuardStudy
{
    private static readonly (string Name, LookupGuardOptions? Guard)[] Variants =
    [
        ("off", null),
        ("(a) invented replaced", new LookupGuardOptions { RestoreDropped = false }),
        ("(b) restore, share 0.9", new LookupGuardOptions { ReplaceInvented = false, MinimumShare = 0.9 }),
        ("(a)+(b) share 0.6", new LookupGuardOptions { MinimumShare = 0.6 }),
        ("(a)+(b) share 0.8", new LookupGuardOptions { MinimumShare = 0.8 }),
        ("(a)+(b) share 0.9", new LookupGuardOptions { MinimumShare = 0.9 }),
        ("(a)+(b) share 0.95", new LookupGuardOptions { MinimumShare = 0.95 }),
    ];

    public static void Valid(string model, int rows, string output, WordLookupBaseline lookup, TargetWordList words, bool offline)
    {
        IReadOnlyList<Seq2SeqPair> pairs = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(rows).ToList();
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(model, DeviceKind.Cpu);
        pipeline.Lookup = lookup;
        var lines = new List<string>();
        IReadOnlyList<string> lookupOut = lookup.RewriteAll(pairs.Select(p => p.Source));
        lines.Add(Header(pairs.Count, "validation"));
        lines.Add(Row("copy source", pairs, pairs.Select(p => p.Source).ToList(), words, null, null));
        lines.Add(Row("word lookup", pairs, lookupOut, words, null, null));
        foreach (bool withWords in new[] { false, true })
        {
            string file = output + (withWords ? ".words.txt" : ".nowords.txt");
            if (!File.Exists(file) && offline)
            {
                continue;
            }

            IReadOnlyList<string> raw = File.Exists(file) ? File.ReadAllLines(file) : Generate(pipeline, withWords ? words : null, pairs, file);
            foreach ((string name, LookupGuardOptions? guard) in Variants)
            {
                IReadOnlyList<string> outputs = Apply(guard, raw, pairs, lookup, words);
                lines.Add(Row($"model, realizer {(withWords ? "+" : "−")} target words, guard {name}", pairs, outputs, words, lookupOut, raw));
            }
        }

        Write(output, lines);
    }

    public static void Test(string model, string chosen, string output, WordLookupBaseline lookup, TargetWordList words)
    {
        IReadOnlyList<Seq2SeqPair> pairs = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web");
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(model, DeviceKind.Cpu);
        pipeline.Lookup = lookup;
        pipeline.TargetWords = words;
        IReadOnlyList<string> raw = RawTest(pipeline, pairs, output);
        if (chosen == "none")
        {
            return;
        }

        LookupGuardOptions guard = chosen == "a" ? new LookupGuardOptions { RestoreDropped = false } : new LookupGuardOptions { MinimumShare = double.Parse(chosen, CultureInfo.InvariantCulture) };
        IReadOnlyList<string> guarded = Apply(guard, raw, pairs, lookup, words);
        IReadOnlyList<string> lookupOut = lookup.RewriteAll(pairs.Select(p => p.Source));
        IReadOnlyList<string> copy = pairs.Select(p => p.Source).ToList();
        File.WriteAllLines(output + ".guard.txt", guarded);
        var lines = new List<string>
        {
            Header(pairs.Count, "test"),
            Row("copy source", pairs, copy, words, null, null),
            Row("word lookup", pairs, lookupOut, words, null, null),
            Row("model, guard off", pairs, raw, words, lookupOut, null),
            Row($"model + guard ({Describe(guard)})", pairs, guarded, words, lookupOut, raw),
            string.Empty,
            Versus("model + guard vs guard off", pairs, guarded, raw, words),
            Versus("model + guard vs word lookup", pairs, guarded, lookupOut, words),
            Versus("model, guard off vs word lookup", pairs, raw, lookupOut, words),
            Versus("model + guard vs copy source", pairs, guarded, copy, words),
        };
        Write(output, lines);
    }

    /// <summary>Generates once without a guard, the realizer knowing <paramref name="words"/> or not, and writes the outputs to <paramref name="file"/>.</summary>
    private static IReadOnlyList<string> Generate(SmoothiePipeline pipeline, TargetWordList? words, IReadOnlyList<Seq2SeqPair> pairs, string file)
    {
        pipeline.TargetWords = words;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> raw = pipeline.Generate(pairs.Select(p => p.Source).ToList(), new GenerationOptions { Seed = 1, Guard = null });
        Console.WriteLine($"Generated {pairs.Count} verses (realizer {(words is null ? "without" : "with")} target words) in {clock.Elapsed.TotalSeconds:F0} s.");
        File.WriteAllLines(file, raw);
        return raw;
    }

    /// <summary>The model's test outputs without a guard: read from OUT.off.txt when an earlier run wrote it, else generated once and written there.</summary>
    private static IReadOnlyList<string> RawTest(SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> pairs, string output)
    {
        string file = output + ".off.txt";
        if (File.Exists(file))
        {
            return File.ReadAllLines(file);
        }

        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> raw = pipeline.Generate(pairs.Select(p => p.Source).ToList(), new GenerationOptions { Seed = 1, Guard = null });
        Console.WriteLine($"Generated {pairs.Count} verses in {clock.Elapsed.TotalSeconds:F0} s.");
        File.WriteAllLines(file, raw);
        return raw;
    }

    private static string Describe(LookupGuardOptions g) => g.RestoreDropped ? $"(a)+(b), share ≥ {g.MinimumShare}, count ≥ {g.MinimumCount}" : "(a) only";

    private static IReadOnlyList<string> Apply(LookupGuardOptions? guard, IReadOnlyList<string> raw, IReadOnlyList<Seq2SeqPair> pairs, WordLookupBaseline lookup, TargetWordList words)
    {
        if (guard is null)
        {
            return raw;
        }

        var g = new LookupGuard(lookup, words, guard);
        return raw.Select((o, i) => g.Apply(o, pairs[i].Source)).ToList();
    }

    private static string Header(int count, string split) =>
        $"| {count} {split} verses | BLEU | kept % | invented % | clean rows % | edit F0.5 | changed rows | vs lookup: ΔBLEU [95 %], p | vs guard off: ΔBLEU [95 %], p; Δclean [95 %], p |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    private static string Row(string name, IReadOnlyList<Seq2SeqPair> pairs, IReadOnlyList<string> outputs, TargetWordList words, IReadOnlyList<string>? lookupOut, IReadOnlyList<string>? off)
    {
        var sources = pairs.Select(p => p.Source).ToList();
        var references = pairs.Select(p => p.Target).ToList();
        SystemScores s = SystemScores.Compute(name, sources, outputs, references, words);
        string vsLookup = lookupOut is null ? "—" : Delta(BleuBootstrap.Compare(outputs, lookupOut, references));
        string vsOff = off is null ? "—" : $"{Delta(BleuBootstrap.Compare(outputs, off, references))}; {Delta(Clean(pairs, outputs, off, words))}";
        int changed = off is null ? 0 : outputs.Where((o, i) => o != off[i]).Count();
        string changedCell = off is null ? "—" : changed.ToString(CultureInfo.InvariantCulture);
        ReaderMetricsReport r = s.Reader;
        return $"| {name} | {s.Bleu:F1} | {100 * r.Kept:F1} | {100 * r.Invented:F1} | {100 * r.CleanRows:F1} | {100 * r.Edits.F05:F1} | {changedCell} | {vsLookup} | {vsOff} |";
    }

    private static string Versus(string label, IReadOnlyList<Seq2SeqPair> pairs, IReadOnlyList<string> a, IReadOnlyList<string> b, TargetWordList words) =>
        $"- {label}: ΔBLEU {Delta(BleuBootstrap.Compare(a, b, pairs.Select(p => p.Target).ToList()))}; Δclean rows (points) {Delta(Clean(pairs, a, b, words))}";

    /// <summary>Paired bootstrap of the clean-row rate (×100), A against B.</summary>
    private static PairedBootstrapResult Clean(IReadOnlyList<Seq2SeqPair> pairs, IReadOnlyList<string> a, IReadOnlyList<string> b, TargetWordList words)
    {
        double[] cleanA = pairs.Select((p, i) => ReaderMetrics.Row(i, p.Source, a[i], p.Target, words).IsClean ? 100.0 : 0.0).ToArray();
        double[] cleanB = pairs.Select((p, i) => ReaderMetrics.Row(i, p.Source, b[i], p.Target, words).IsClean ? 100.0 : 0.0).ToArray();
        return PairedBootstrap.Compare(pairs.Count, rows => rows.Average(r => cleanA[r]), rows => rows.Average(r => cleanB[r]));
    }

    private static string Delta(PairedBootstrapResult r) => $"{r.Difference:+0.0;-0.0;0.0} [{r.Lower:+0.0;-0.0;0.0}, {r.Upper:+0.0;-0.0;0.0}], p = {r.PValue:0.000}";

    private static void Write(string output, List<string> lines)
    {
        File.WriteAllLines(output + ".md", lines);
        foreach (string line in lines)
        {
            Console.WriteLine(line);
        }
    }
}
