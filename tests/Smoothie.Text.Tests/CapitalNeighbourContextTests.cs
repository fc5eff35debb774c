using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>
/// A neighbour written in capitals keeps them in a context's key: "the" before "LORD" (→ "Yahweh") is deleted, "the"
/// before "Lord" is kept.
/// </summary>
public sealed class CapitalNeighbourContextTests
{
    /// <summary>
    /// "the" 70 times: deleted 30 times (before "LORD"), kept 40 (10 before "Lord", 30 before "door"). Next to a lower-cased
    /// "lord" the deletion covers 30 of 40 occurrences (0.75), surer than "the" alone (kept 40 of 70).
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("Praise the LORD now.", 30), .. Enumerable.Repeat("Praise the Lord now.", 10), .. Enumerable.Repeat("Open the door now.", 30)],
        [.. Enumerable.Repeat("Praise Yahweh now.", 30), .. Enumerable.Repeat("Praise the Lord now.", 10), .. Enumerable.Repeat("Open the door now.", 30)]);

    [Fact]
    public void TheBeforeLordInCapitalsIsDeleted()
    {
        Assert.Equal("Praise Yahweh now.", Lookup.Rewrite("Praise the LORD now.", 0.7, inContext: true));
    }

    [Fact]
    public void TheBeforeLordIsKept()
    {
        // With the neighbour lower-cased, "the lord" is deleted 30 times of 40 and the draft read "Praise Lord now."
        Assert.Equal("Praise the Lord now.", Lookup.Rewrite("Praise the Lord now.", 0.7, inContext: true));
    }

    [Fact]
    public void SavedAndLoadedLookupKeepsTheCapitalNeighbour()
    {
        using var file = new TempFile("capital-neighbour");
        string path = file.Path;
        Lookup.Save(path);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.Equal("Praise the Lord now.", loaded.Rewrite("Praise the Lord now.", 0.7, inContext: true));
        Assert.Equal("Praise Yahweh now.", loaded.Rewrite("Praise the LORD now.", 0.7, inContext: true));
    }

    [Fact]
    public void ATableWithLowerCasedNeighboursStillReadsTheCapitalsUnderThem()
    {
        // A file learned before capitals were kept holds "@after the lord" for both spellings: "the LORD" falls back to it.
        string text = Lookup.ToText();
        string[] lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("@after\tthe\tLORD\t", StringComparison.Ordinal));
        string older = string.Join('\n', lines
            .Where(l => !l.StartsWith("@after\tthe\tlord\t", StringComparison.Ordinal))
            .Select(l => l.Replace("@after\tthe\tLORD\t", "@after\tthe\tlord\t", StringComparison.Ordinal)));
        using var file = new TempFile("lower-neighbour");
        string path = file.Path;
        File.WriteAllText(path, older);
        Assert.Equal("Praise Yahweh now.", WordLookupBaseline.Load(path).Rewrite("Praise the LORD now.", 0.7, inContext: true));
    }
}
