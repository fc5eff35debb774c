namespace Smoothie.Evaluation;

/// <summary>
/// One word-level edit of a source, in the grammatical-error-correction convention (M2 / ERRANT): the source tokens
/// <c>[Start, End)</c> are replaced by <see cref="Replacement"/>. An insertion has <c>Start == End</c>, a deletion an
/// empty replacement. Two edits are equal when their span and replacement tokens are equal (ordinal, case kept).
/// </summary>
public sealed class WordEdit : IEquatable<WordEdit>
{
    /// <summary>Creates an edit.</summary>
    /// <param name="start">The first replaced source token.</param>
    /// <param name="end">One past the last replaced source token (equal to <paramref name="start"/> for an insertion).</param>
    /// <param name="replacement">The tokens that take the span's place (empty for a deletion).</param>
    /// <exception cref="ArgumentException">The span is negative or reversed, or the edit changes nothing.</exception>
    public WordEdit(int start, int end, IReadOnlyList<string> replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (start < 0 || end < start)
        {
            throw new ArgumentException($"An edit spans source tokens [start, end) with 0 <= start <= end; got [{start}, {end}).", nameof(end));
        }

        if (start == end && replacement.Count == 0)
        {
            throw new ArgumentException("An edit that replaces no source token must insert at least one token.", nameof(replacement));
        }

        Start = start;
        End = end;
        Replacement = replacement.ToArray();
    }

    /// <summary>The first replaced source token.</summary>
    public int Start { get; }

    /// <summary>One past the last replaced source token.</summary>
    public int End { get; }

    /// <summary>The tokens that replace the span (empty for a deletion).</summary>
    public IReadOnlyList<string> Replacement { get; }

    /// <inheritdoc/>
    public bool Equals(WordEdit? other) =>
        other is not null && Start == other.Start && End == other.End && Replacement.SequenceEqual(other.Replacement, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WordEdit);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Start);
        hash.Add(End);
        foreach (string token in Replacement)
        {
            hash.Add(token, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The edit as <c>[start,end)→replacement</c>, e.g. <c>[2,3)→lived</c> or <c>[0,1)→∅</c> for a deletion.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"[{Start},{End})→{(Replacement.Count == 0 ? "∅" : string.Join(' ', Replacement))}");
}
