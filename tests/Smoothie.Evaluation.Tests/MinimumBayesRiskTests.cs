namespace Smoothie.Evaluation.Tests;

public sealed class MinimumBayesRiskTests
{
    [Fact]
    public void TheCandidateTheOthersAgreeWithMostIsSelected()
    {
        string[] candidates =
        [
            "Isaac in Gerar.",
            "Isaac lived in Gerar.",
            "Isaac lived in Gerar today.",
            "Isaac lived in the land of Gerar.",
        ];
        Assert.Equal(1, MinimumBayesRisk.SelectIndex(candidates));
        Assert.Equal("Isaac lived in Gerar.", MinimumBayesRisk.Select(candidates));
    }

    [Fact]
    public void OneCandidateIsItselfAndTiesGoToTheFirst()
    {
        Assert.Equal(0, MinimumBayesRisk.SelectIndex(["anything"]));
        Assert.Equal(0, MinimumBayesRisk.SelectIndex(["a b c d", "a b c d"]));
        Assert.Equal(0, MinimumBayesRisk.SelectIndex(["one two three four", "five six seven eight"]));
    }

    [Fact]
    public void NoCandidateOrANullOneIsRejected()
    {
        Assert.Throws<ArgumentException>(() => MinimumBayesRisk.SelectIndex([]));
        var error = Assert.Throws<ArgumentException>(() => MinimumBayesRisk.SelectIndex(["a", null!]));
        Assert.Contains("candidates[1]", error.Message);
    }
}
