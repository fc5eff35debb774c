namespace Smoothie.Evaluation;

/// <summary>Argument checks and conversions shared by the metrics.</summary>
public static class MetricArguments
{
    /// <summary>Wraps single references into the one-reference-per-example shape of <see cref="ITextMetric.Compute"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SingleReferences(IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return references.Select(r => (IReadOnlyList<string>)[r]).ToArray();
    }

    internal static void CheckParallel(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (hypotheses.Count != references.Count)
        {
            throw new ArgumentException(
                $"Expected one reference set per hypothesis: {hypotheses.Count} hypotheses but {references.Count} reference sets.", nameof(references));
        }

        for (int i = 0; i < references.Count; i++)
        {
            if (references[i] is null || references[i].Count == 0)
            {
                throw new ArgumentException($"Example {i} has no reference; every hypothesis needs at least one.", nameof(references));
            }
        }
    }

    internal static void CheckSources(IReadOnlyList<string>? sources, int count, string metric)
    {
        if (sources is null)
        {
            throw new ArgumentException($"{metric} needs the source texts; pass one source per hypothesis.", nameof(sources));
        }

        if (sources.Count != count)
        {
            throw new ArgumentException($"Expected one source per hypothesis: {count} hypotheses but {sources.Count} sources.", nameof(sources));
        }
    }
}
