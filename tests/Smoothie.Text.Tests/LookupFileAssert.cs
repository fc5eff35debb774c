using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>Assertions on reading a hand-written word lookup file.</summary>
internal static class LookupFileAssert
{
    /// <summary>
    /// Writes a file of <paramref name="lookup"/>'s header, one word line and <paramref name="badLine"/>, and asserts that
    /// loading it fails with an <see cref="InvalidDataException"/> naming line 3; returns it for further assertions.
    /// </summary>
    public static InvalidDataException RejectsThirdLine(WordLookupBaseline lookup, string wordLine, string badLine)
    {
        using var file = new TempFile("smoothie-lookup");
        File.WriteAllText(file.Path, lookup.ToText().Split('\n')[0] + "\n" + wordLine + "\n" + badLine + "\n");
        var error = Assert.Throws<InvalidDataException>(() => WordLookupBaseline.Load(file.Path));
        Assert.Contains("line 3", error.Message);
        return error;
    }
}
