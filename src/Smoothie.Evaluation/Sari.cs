using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// SARI (Xu et al. 2016) exactly as the Hugging Face <c>sari</c> metric (the EASSE / tensor2tensor formulation):
/// source, prediction and references are lowercased and 13a-tokenized; for n = 1..4, keep F1 and add F1 use
/// reference n-gram counts summed over references, deletion uses precision only (0/0 counts as 1); the 12 numbers are
/// averaged as (mean keep + mean delete + mean add) / 3 per sentence, then averaged over sentences; result on 0–100.
/// </summary>
public sealed class Sari : ITextMetric
{
    /// <inheritdoc />
    public string Name => "SARI";

    /// <summary>Corpus SARI (mean of sentence SARI) on a 0–100 scale.</summary>
    /// <exception cref="ArgumentException">Counts differ or there are no examples.</exception>
    public double CorpusScore(IReadOnlyList<string> sources, IReadOnlyList<string> predictions, IReadOnlyList<IReadOnlyList<string>> references)
    {
        MetricArguments.CheckParallel(predictions, references);
        MetricArguments.CheckSources(sources, predictions.Count, Name);
        if (predictions.Count == 0)
        {
            throw new ArgumentException("At least one prediction is required.", nameof(predictions));
        }

        double sum = 0;
        for (int i = 0; i < predictions.Count; i++)
        {
            sum += SentenceScore(sources[i], predictions[i], references[i]);
        }

        return 100 * sum / predictions.Count;
    }

    /// <summary>Sentence SARI on a 0–1 scale (the HF implementation's <c>SARIsent</c> after normalization).</summary>
    public static double SentenceScore(string source, string prediction, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is required.", nameof(references));
        }

        // normalize(): lowercase + 13a, then split(" ") (an empty text yields one empty token, as in Python).
        string[] s = Normalize(source);
        string[] c = Normalize(prediction);
        string[][] r = references.Select(Normalize).ToArray();
        double keep = 0, delete = 0, add = 0;
        for (int n = 1; n <= 4; n++)
        {
            (double k, double d, double a) = NGramScores(NGrams(s, n), NGrams(c, n), r.Select(x => NGrams(x, n)).ToArray(), r.Length);
            keep += k;
            delete += d;
            add += a;
        }

        return ((keep / 4) + (delete / 4) + (add / 4)) / 3;
    }

    /// <inheritdoc />
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        MetricArguments.CheckSources(sources, hypotheses?.Count ?? 0, Name);
        double score = CorpusScore(sources!, hypotheses!, references);
        return new MetricResult(Name, new Dictionary<string, double> { ["sari"] = score }, string.Create(CultureInfo.InvariantCulture, $"SARI = {score:F2}"));
    }

    private static string[] Normalize(string text) => Tokenizer13a.Tokenize(text.ToLowerInvariant()).Split(' ');

    private static List<string> NGrams(string[] tokens, int n)
    {
        var grams = new List<string>();
        for (int i = 0; i + n <= tokens.Length; i++)
        {
            grams.Add(string.Join(' ', tokens, i, n));
        }

        return grams;
    }

    private static Dictionary<string, double> Count(IEnumerable<string> grams, int multiplier = 1)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string g in grams)
        {
            counts[g] = counts.GetValueOrDefault(g) + multiplier;
        }

        return counts;
    }

    // Python Counter semantics: & keeps the positive minimum, - keeps positive differences.
    private static Dictionary<string, double> Min(Dictionary<string, double> a, Dictionary<string, double> b) =>
        a.Where(kv => b.ContainsKey(kv.Key)).Select(kv => (kv.Key, Value: Math.Min(kv.Value, b[kv.Key]))).Where(x => x.Value > 0)
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    private static Dictionary<string, double> Subtract(Dictionary<string, double> a, Dictionary<string, double> b) =>
        a.Select(kv => (kv.Key, Value: kv.Value - b.GetValueOrDefault(kv.Key))).Where(x => x.Value > 0)
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    private static (double Keep, double Delete, double Add) NGramScores(List<string> sgrams, List<string> cgrams, List<string>[] rgramsList, int numberOfReferences)
    {
        Dictionary<string, double> rgramCounter = Count(rgramsList.SelectMany(g => g));
        Dictionary<string, double> sgramCounter = Count(sgrams);
        Dictionary<string, double> cgramCounter = Count(cgrams);
        Dictionary<string, double> sgramRep = Count(sgrams, numberOfReferences);
        Dictionary<string, double> cgramRep = Count(cgrams, numberOfReferences);

        // KEEP
        Dictionary<string, double> keepRep = Min(sgramRep, cgramRep);
        Dictionary<string, double> keepGoodRep = Min(keepRep, rgramCounter);
        Dictionary<string, double> keepAllRep = Min(sgramRep, rgramCounter);
        double keepTmp1 = 0, keepTmp2 = 0;
        foreach ((string gram, double count) in keepRep)
        {
            keepTmp1 += keepGoodRep.GetValueOrDefault(gram) / count;
            keepTmp2 += keepGoodRep.GetValueOrDefault(gram);
        }

        double keepPrecision = keepRep.Count > 0 ? keepTmp1 / keepRep.Count : 1;
        double keepRecall = keepAllRep.Count > 0 ? keepTmp2 / keepAllRep.Values.Sum() : 1;
        double keep = keepPrecision > 0 || keepRecall > 0 ? 2 * keepPrecision * keepRecall / (keepPrecision + keepRecall) : 0;

        // DELETION (precision only)
        Dictionary<string, double> delRep = Subtract(sgramRep, cgramRep);
        Dictionary<string, double> delGoodRep = Subtract(delRep, rgramCounter);
        double delTmp = 0;
        foreach ((string gram, double count) in delRep)
        {
            delTmp += delGoodRep.GetValueOrDefault(gram) / count;
        }

        double deletePrecision = delRep.Count > 0 ? delTmp / delRep.Count : 1;

        // ADDITION (sets)
        var addGrams = cgramCounter.Keys.Where(g => !sgramCounter.ContainsKey(g)).ToHashSet(StringComparer.Ordinal);
        int addGood = addGrams.Count(rgramCounter.ContainsKey);
        int addAll = rgramCounter.Keys.Count(g => !sgramCounter.ContainsKey(g));
        double addPrecision = addGrams.Count > 0 ? (double)addGood / addGrams.Count : 1;
        double addRecall = addAll > 0 ? (double)addGood / addAll : 1;
        double add = addPrecision > 0 || addRecall > 0 ? 2 * addPrecision * addRecall / (addPrecision + addRecall) : 0;

        return (keep, deletePrecision, add);
    }
}
