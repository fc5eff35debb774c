namespace Smoothie.Evaluation.Tests;

public sealed class SystemScoresTests
{
    [Fact]
    public void CopyingTheSourceKeepsEverySharedWordAndMakesNoEdit()
    {
        string[] sources = ["And thou art here.", "Jesus wept."];
        string[] references = ["You are here.", "Jesus wept."];
        TargetWordList words = TargetWordList.FromTexts(references);
        SystemScores copy = SystemScores.Compute("copy source", sources, sources, references, words);
        Assert.Equal("copy source", copy.Name);
        Assert.Equal(1.0, copy.Reader.Kept);
        Assert.Equal(0.0, copy.Reader.Invented);
        Assert.Equal(0.0, copy.Reader.Edits.F05);
        Assert.Equal(0.0, copy.ArchaicRewritten);
        Assert.Equal(new Bleu().CorpusScore(sources, references).Score, copy.Bleu);

        SystemScores perfect = SystemScores.Compute("reference", sources, references, references, words);
        Assert.Equal(100.0, perfect.Bleu, 6);
        Assert.Equal(1.0, perfect.Reader.Edits.F05);
        Assert.Equal(100.0, perfect.ArchaicRewritten);
    }
}
