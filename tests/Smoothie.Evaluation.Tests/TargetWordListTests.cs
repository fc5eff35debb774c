using System.Text;
using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class TargetWordListTests
{
    [Fact]
    public void FromTextsMixedCaseAndPunctuationCollectsDistinctLowerCaseWords()
    {
        TargetWordList words = TargetWordList.FromTexts(["Isaac lived in Gerar.", "Don't fear, Isaac!"]);
        Assert.True(words.SetEquals(["isaac", "lived", "in", "gerar", "don't", "fear"]));
        Assert.Equal(6, words.Count);
        Assert.Contains("don't", words);
        Assert.DoesNotContain("Isaac", words);
    }

    [Fact]
    public void SaveThenLoadTempFileRoundTripsSortedUtf8Lines()
    {
        string path = Path.Combine(Path.GetTempPath(), $"smoothie-target-words-{Guid.NewGuid():N}.txt");
        try
        {
            TargetWordList words = TargetWordList.FromTexts(["Zoar and Élim", "and abide"]);
            words.Save(path);

            byte[] bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]); // no byte order mark
            Assert.Equal("abide\nand\nzoar\nélim\n", Encoding.UTF8.GetString(bytes)); // ordinal order: é (U+00E9) after z

            TargetWordList loaded = TargetWordList.Load(path);
            Assert.True(loaded.SetEquals(words));
            Assert.Equal(words.Count, loaded.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadBlankLinesAndCapitalsSkipsAndLowerCases()
    {
        string path = Path.Combine(Path.GetTempPath(), $"smoothie-target-words-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "Gerar\r\n\r\nisaac\n");
            Assert.True(TargetWordList.Load(path).SetEquals(["gerar", "isaac"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromTextsNullTextNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => TargetWordList.FromTexts(["a", null!]));
        Assert.Equal("targetTexts", e.ParamName);
    }
}
