namespace Smoothie.Text.Layout;

/// <summary>
/// Splits a token sequence that is longer than a model's source length into consecutive chunks that fit, cutting
/// where the text allows it best: after a sentence or clause end (<c>. ; : ? !</c>), else after a comma, else between
/// two words, else anywhere. Each chunk is rewritten on its own and the outputs are joined, so long inputs are rewritten
/// whole instead of truncated.
/// </summary>
public sealed class SourceChunker
{
    private static readonly HashSet<string> ClauseEnds = [".", ";", ":", "?", "!"];
    private static readonly HashSet<string> Commas = [","];
    private readonly IReadOnlyList<string> tokens;

    /// <summary>Creates a chunker over a vocabulary.</summary>
    /// <param name="tokens">The codec's token strings by id (WordPiece: continuation pieces start with <c>##</c>).</param>
    public SourceChunker(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        this.tokens = tokens;
    }

    /// <summary>The cut points: chunk i is <c>[cuts[i], cuts[i + 1])</c>; the first is 0, the last is the length.</summary>
    /// <param name="content">Content ids (no special tokens).</param>
    /// <param name="maxTokens">The most content tokens a chunk may hold (≥ 1).</param>
    public IReadOnlyList<int> Cuts(ReadOnlySpan<long> content, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        var cuts = new List<int> { 0 };
        int start = 0;
        while (content.Length - start > maxTokens)
        {
            int best = start + maxTokens;
            int bestStrength = -1;
            for (int end = start + maxTokens; end > start; end--)
            {
                int strength = CutStrength(content, end);
                if (strength > bestStrength)
                {
                    (best, bestStrength) = (end, strength);
                    if (strength == 3)
                    {
                        break;
                    }
                }
            }

            cuts.Add(best);
            start = best;
        }

        cuts.Add(content.Length);
        return cuts;
    }

    /// <summary>How good a cut before position <paramref name="end"/> is: 3 after a clause end, 2 after a comma, 1 between words, 0 inside a word.</summary>
    private int CutStrength(ReadOnlySpan<long> content, int end)
    {
        string before = TokenAt(content[end - 1]);
        if (ClauseEnds.Contains(before))
        {
            return 3;
        }

        if (Commas.Contains(before))
        {
            return 2;
        }

        return end < content.Length && TokenAt(content[end]).StartsWith("##", StringComparison.Ordinal) ? 0 : 1;
    }

    private string TokenAt(long id) => id >= 0 && id < tokens.Count ? tokens[(int)id] : string.Empty;
}
