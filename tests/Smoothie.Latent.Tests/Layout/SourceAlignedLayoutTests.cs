using FsCheck;
using FsCheck.Xunit;
using Smoothie.Text.Layout;

namespace Smoothie.Latent.Tests.Layout;

public class SourceAlignedLayoutTests
{
    private const int Cls = 101, Sep = 102, Pad = 0;
    private static readonly SourceAlignedLayout Layout = new(2, Cls, Sep, Pad);

    [Fact]
    public void ACopyPutsEachTokenInTheFirstSlotOfItsSourcePosition()
    {
        long[] row = Layout.Arrange([5, 6, 7], [5, 6, 7], sourceLength: 6)!;
        Assert.Equal([Cls, Pad, 5, Pad, 6, Pad, 7, Pad, Sep, Pad, Pad, Pad], row);
    }

    [Fact]
    public void SubstitutionsStayInPlaceDeletionsLeaveBlanksAndInsertionsTakeTheSecondSlot()
    {
        // source: and(5) god(6) said(7); target: god(6) says(8) ,(9)
        long[] row = Layout.Arrange([5, 6, 7], [6, 8, 9], sourceLength: 6)!;
        Assert.Equal([Cls, Pad, Pad, Pad, 6, Pad, 8, 9, Sep, Pad, Pad, Pad], row);
    }

    [Fact]
    public void ALongReplacementSpillsIntoTheNextSlotsAndLaterGroupsFollowIt()
    {
        // source: x(5) begat(6) y(7); target: x became the father of y
        long[] row = Layout.Arrange([5, 6, 7], [5, 20, 21, 22, 23, 7], sourceLength: 6)!;
        Assert.Equal([Cls, Pad, 5, Pad, 20, 21, 22, 23, 7, Sep, Pad, Pad], row);
    }

    [Fact]
    public void TokensBeforeTheFirstSourceTokenFollowTheStartToken()
    {
        long[] row = Layout.Arrange([5], [30, 5], sourceLength: 3)!;
        Assert.Equal([Cls, 30, 5, Pad, Sep, Pad], row);
    }

    [Fact]
    public void ATargetThatCannotFitGivesNull()
    {
        Assert.Null(Layout.Arrange([5], [1, 2, 3, 4, 5, 6], sourceLength: 3));
        Assert.Null(Layout.Arrange([5, 6, 7], [5, 6, 7], sourceLength: 4));
    }

    [Property(MaxTest = 200)]
    public void Removing_the_blanks_and_the_frame_gives_back_the_target(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        long[] source = Enumerable.Range(0, random.Next(1, 12)).Select(_ => (long)random.Next(3, 12)).ToArray();
        long[] target = Enumerable.Range(0, random.Next(0, 14)).Select(_ => (long)random.Next(3, 12)).ToArray();
        long[]? row = Layout.Arrange(source, target, sourceLength: 16);
        Assert.NotNull(row);
        Assert.Equal(32, row.Length);
        Assert.Equal(target, row.Where(id => id is not (Cls or Sep or Pad)));
        Assert.Equal(Cls, row[0]);
        Assert.Single(row, id => id == Sep);
    }

    [Fact]
    public void TheIdentityLayoutIsTheSourceCopied()
    {
        Assert.Equal(Layout.Arrange([5, 6], [5, 6], 4), Layout.ArrangeSource([5, 6], 4));
    }
}

public class TokenAlignmentTests
{
    [Fact]
    public void EqualTokensPairAndEachTargetTokenHasOneOwner()
    {
        TokenAlignment alignment = TokenAlignment.Align([1, 2, 3, 4], [2, 9, 3, 4, 8]);
        Assert.Equal(0, alignment.LeadingCount);
        Assert.Empty(alignment.TargetsOf(0));
        Assert.Equal([0, 1], alignment.TargetsOf(1));
        Assert.Equal([2], alignment.TargetsOf(2));
        Assert.Equal([3, 4], alignment.TargetsOf(3));
    }

    [Fact]
    public void InsertionsBeforeTheFirstSourceTokenAreLeading()
    {
        TokenAlignment alignment = TokenAlignment.Align([5], [7, 7, 5]);
        Assert.Equal(2, alignment.LeadingCount);
        Assert.Equal([2], alignment.TargetsOf(0));
    }
}

public class SourceChunkerTests
{
    private static readonly string[] Tokens = ["[PAD]", "a", "b", ",", ".", "##c", "d"];

    [Fact]
    public void CutsPreferClauseEndsThenCommasThenWordBoundaries()
    {
        var chunker = new SourceChunker(Tokens);
        // a b . a , a b a: max 4 → cut after "." (index 3), then the rest (5 tokens) after ","
        Assert.Equal([0, 3, 5, 8], chunker.Cuts([1, 2, 4, 1, 3, 1, 2, 1], 4));
        // between words rather than inside one: a ##c | d ##c d
        Assert.Equal([0, 2, 5], chunker.Cuts([1, 5, 6, 5, 6], 3));
    }

    [Fact]
    public void AShortSequenceIsOneChunk()
    {
        Assert.Equal([0, 3], new SourceChunker(Tokens).Cuts([1, 2, 1], 3));
    }

    [Property(MaxTest = 200)]
    public void Chunks_cover_the_sequence_in_order_and_fit(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        long[] content = Enumerable.Range(0, random.Next(0, 60)).Select(_ => (long)random.Next(1, Tokens.Length)).ToArray();
        int max = random.Next(1, 10);
        IReadOnlyList<int> cuts = new SourceChunker(Tokens).Cuts(content, max);
        Assert.Equal(0, cuts[0]);
        Assert.Equal(content.Length, cuts[^1]);
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            Assert.InRange(cuts[i + 1] - cuts[i], content.Length == 0 ? 0 : 1, max);
        }
    }

    [Property(MaxTest = 200)]
    public void Split_pairs_keep_every_target_token_in_order(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        long[] source = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (long)random.Next(1, Tokens.Length)).ToArray();
        long[] target = Enumerable.Range(0, random.Next(0, 40)).Select(_ => (long)random.Next(1, Tokens.Length)).ToArray();
        int max = random.Next(2, 12);
        var pieces = AlignedPairSplitter.Split(source, target, max, new SourceChunker(Tokens));
        Assert.Equal(source, pieces.SelectMany(p => p.Source));
        Assert.Equal(target, pieces.SelectMany(p => p.Target));
        Assert.All(pieces, p => Assert.InRange(p.Source.Length, 1, max));
    }
}
