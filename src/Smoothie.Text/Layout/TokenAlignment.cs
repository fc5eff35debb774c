namespace Smoothie.Text.Layout;

/// <summary>
/// A monotone alignment of target tokens to source tokens: every target token belongs to exactly one source position
/// (a token paired with a source token by the edit distance goes to that token; an inserted token goes to the source
/// token before it, or to position −1 when it comes before the first source token). Source tokens with no target token
/// are deletions. The alignment is a minimum-cost Levenshtein path (match 0, substitution, insertion and deletion 1), so
/// equal tokens are paired wherever the order allows.
/// </summary>
public sealed class TokenAlignment
{
    private readonly int[][] groups;

    private TokenAlignment(int[][] groups, int leading, int matched)
    {
        this.groups = groups;
        LeadingCount = leading;
        MatchedCount = matched;
    }

    /// <summary>How many target tokens precede every aligned source token (they belong to position −1).</summary>
    public int LeadingCount { get; }

    /// <summary>
    /// How many target tokens the alignment pairs with an equal source token (a copy); the rest are substitutions and
    /// insertions. <c>MatchedCount / target length</c> says how much of the target is a copy of the source.
    /// </summary>
    public int MatchedCount { get; }

    /// <summary>The number of source tokens.</summary>
    public int SourceCount => groups.Length;

    /// <summary>The indices (into the target) of the target tokens aligned to source token <paramref name="sourceIndex"/>, in order.</summary>
    /// <param name="sourceIndex">A source position, 0 ≤ index &lt; <see cref="SourceCount"/>.</param>
    public IReadOnlyList<int> TargetsOf(int sourceIndex) => groups[sourceIndex];

    /// <summary>Aligns <paramref name="target"/> to <paramref name="source"/>.</summary>
    /// <param name="source">Source token ids (content only).</param>
    /// <param name="target">Target token ids (content only).</param>
    /// <returns>The alignment.</returns>
    public static TokenAlignment Align(ReadOnlySpan<long> source, ReadOnlySpan<long> target)
    {
        int n = source.Length;
        int m = target.Length;
        int w = m + 1;
        int[] cost = CostTable(source, target);

        // Backtrack from the end. Among equally cheap paths prefer a match, then an insertion (so a word replaced by a
        // phrase keeps the phrase's first token at its place: "begat" → "became | the father of"), then a deletion
        // ("said unto" → "told": "said" → "told", "unto" deleted), then a substitution.
        var owner = new int[m];
        int matched = 0;
        int si = n, tj = m;
        while (si > 0 || tj > 0)
        {
            int here = cost[(si * w) + tj];
            if (si > 0 && tj > 0 && source[si - 1] == target[tj - 1] && here == cost[((si - 1) * w) + tj - 1])
            {
                owner[tj - 1] = si - 1;
                matched++;
                si--;
                tj--;
            }
            else if (tj > 0 && here == cost[(si * w) + tj - 1] + 1)
            {
                // An insertion belongs to the source token before it (−1 before the first).
                owner[tj - 1] = si - 1;
                tj--;
            }
            else if (si > 0 && here == cost[((si - 1) * w) + tj] + 1)
            {
                si--;
            }
            else
            {
                owner[tj - 1] = si - 1;
                si--;
                tj--;
            }
        }

        var lists = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            lists[i] = [];
        }

        int leading = 0;
        for (int j = 0; j < m; j++)
        {
            if (owner[j] < 0)
            {
                leading++;
            }
            else
            {
                lists[owner[j]].Add(j);
            }
        }

        return new TokenAlignment(lists.Select(l => l.ToArray()).ToArray(), leading, matched);
    }

    /// <summary>The Levenshtein cost table, row-major <c>[(n + 1), (m + 1)]</c>: entry (i, j) aligns the first i source tokens with the first j target tokens.</summary>
    private static int[] CostTable(ReadOnlySpan<long> source, ReadOnlySpan<long> target)
    {
        int n = source.Length;
        int m = target.Length;
        var cost = new int[(n + 1) * (m + 1)];
        int w = m + 1;
        for (int i = 0; i <= n; i++)
        {
            cost[i * w] = i;
        }

        for (int j = 0; j <= m; j++)
        {
            cost[j] = j;
        }

        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= m; j++)
            {
                int diagonal = cost[((i - 1) * w) + j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1);
                int delete = cost[((i - 1) * w) + j] + 1;
                int insert = cost[(i * w) + j - 1] + 1;
                cost[(i * w) + j] = Math.Min(diagonal, Math.Min(delete, insert));
            }
        }

        return cost;
    }
}
