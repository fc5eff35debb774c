using FsCheck;
using FsCheck.Xunit;
using Smoothie.Text.Layout;

namespace Smoothie.Latent.Tests.Layout;

/// <summary>What every <see cref="ITargetLayout"/> promises, checked for the free and the source-aligned layout.</summary>
public class TargetLayoutContractTests
{
    private const int Cls = 101, Sep = 102, Pad = 0, SourceLength = 12, FreeLength = 20;

    public static TheoryData<string> Layouts => ["free", "aligned", "free-no-start", "aligned-no-start"];

    private static ITargetLayout Create(string name) => name switch
    {
        "free" => new FreeLayout(FreeLength, Cls, Sep, Pad),
        "free-no-start" => new FreeLayout(FreeLength, null, Sep, Pad),
        "aligned" => new SourceAlignedLayout(2, Cls, Sep, Pad),
        "aligned-no-start" => new SourceAlignedLayout(2, null, Sep, Pad),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ArrangingATargetThenReadingItBackGivesItsContent(string name)
    {
        ITargetLayout layout = Create(name);
        long[] source = [5, 6, 7, 8];
        long[] target = [6, 9, 7, 10, 11];
        long[] row = layout.Arrange(source, target, SourceLength)!;
        Assert.Equal(layout.TargetLength(SourceLength), row.Length);
        Assert.Equal(target.Select(id => (int)id), layout.ReadContent(Ints(row)));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void TheSourceArrangedAsATargetReadsBackAsTheSource(string name)
    {
        ITargetLayout layout = Create(name);
        long[] source = [5, 6, 7];
        long[] row = layout.ArrangeSource(source, SourceLength);
        Assert.Equal(layout.TargetLength(SourceLength), row.Length);
        Assert.Equal([5, 6, 7], layout.ReadContent(Ints(row)));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RowsAreFramedWithStartEndAndPadding(string name)
    {
        ITargetLayout layout = Create(name);
        long[] row = layout.Arrange([5, 6], [5, 6], SourceLength)!;
        bool hasStart = !name.EndsWith("no-start", StringComparison.Ordinal);
        Assert.Equal(hasStart, row[0] == Cls);
        Assert.Single(row, id => id == Sep);
        Assert.Equal(Pad, row[^1]);
        Assert.DoesNotContain(Cls, row.Skip(1));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ATargetThatDoesNotFitGivesNull(string name)
    {
        ITargetLayout layout = Create(name);
        long[] tooLong = Enumerable.Repeat(9L, layout.TargetLength(SourceLength)).ToArray();
        Assert.Null(layout.Arrange([5], tooLong, SourceLength));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void AnEmptyTargetReadsBackEmpty(string name)
    {
        ITargetLayout layout = Create(name);
        Assert.Empty(layout.ReadContent(Ints(layout.Arrange([5, 6], [], SourceLength)!)));
    }

    [Fact]
    public void TheFreeLayoutHasAFixedLengthAndTheAlignedOneGrowsWithTheSource()
    {
        Assert.Equal(FreeLength, Create("free").TargetLength(8));
        Assert.Equal(FreeLength, Create("free").TargetLength(40));
        Assert.Equal(16, Create("aligned").TargetLength(8));
        Assert.Equal(80, Create("aligned").TargetLength(40));
    }

    [Fact]
    public void TheFreeLayoutWritesTheTargetFromPositionZeroWhateverTheSource()
    {
        var layout = new FreeLayout(8, Cls, Sep, Pad);
        long[] expected = [Cls, 7, 8, Sep, Pad, Pad, Pad, Pad];
        Assert.Equal(expected, layout.Arrange([1, 2, 3], [7, 8], SourceLength));
        Assert.Equal(expected, layout.Arrange([], [7, 8], SourceLength));
        Assert.Equal(expected, layout.Frame([7, 8]));
        Assert.Equal(6, layout.MaxContent);
        Assert.Equal(7, new FreeLayout(8, null, Sep, Pad).MaxContent);
    }

    [Fact]
    public void TheFreeLayoutStopsReadingAtTheFirstEndTokenAndTheAlignedOneDoesNot()
    {
        int[] row = [Cls, 5, Sep, 6, Pad];
        Assert.Equal([5], Create("free").ReadContent(row));
        Assert.Equal([5, 6], Create("aligned").ReadContent(row));
    }

    [Fact]
    public void TheFreeLayoutCutsALongSourceToItsContentRoom()
    {
        var layout = new FreeLayout(5, Cls, Sep, Pad);
        Assert.Equal([Cls, 1, 2, 3, Sep], layout.ArrangeSource([1, 2, 3, 4, 5], SourceLength));
        Assert.Null(layout.Arrange([], [1, 2, 3, 4], SourceLength));
        var e = Assert.Throws<ArgumentException>(() => layout.Frame([1, 2, 3, 4]));
        Assert.Equal("content", e.ParamName);
    }

    [Fact]
    public void TheAlignedLayoutRejectsASourceLongerThanItsRow()
    {
        var e = Assert.Throws<ArgumentException>(() => Create("aligned").ArrangeSource(Enumerable.Repeat(5L, SourceLength).ToArray(), SourceLength));
        Assert.Equal("sourceContent", e.ParamName);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new FreeLayout(1, Cls, Sep, Pad)).ParamName);
        Assert.Equal("codec", Assert.Throws<ArgumentNullException>(() => new FreeLayout(null!, 8)).ParamName);
        Assert.Equal("codec", Assert.Throws<ArgumentNullException>(() => new SourceAlignedLayout(2, null!)).ParamName);
        Assert.Equal("slotsPerSourceToken", Assert.Throws<ArgumentOutOfRangeException>(() => new SourceAlignedLayout(0, Cls, Sep, Pad)).ParamName);
    }

    [Property(MaxTest = 200)]
    public void Every_target_that_fits_reads_back_unchanged(PositiveInt seed, bool aligned)
    {
        var random = new Random(seed.Get);
        ITargetLayout layout = Create(aligned ? "aligned" : "free");
        long[] source = Enumerable.Range(0, random.Next(1, SourceLength - 1)).Select(_ => (long)random.Next(3, 12)).ToArray();
        long[] target = Enumerable.Range(0, random.Next(0, 16)).Select(_ => (long)random.Next(3, 12)).ToArray();
        long[]? row = layout.Arrange(source, target, SourceLength);
        if (row is not null)
        {
            Assert.Equal(layout.TargetLength(SourceLength), row.Length);
            Assert.Equal(target.Select(id => (int)id), layout.ReadContent(Ints(row)));
        }

        if (layout is FreeLayout free)
        {
            Assert.Equal(target.Length > free.MaxContent, row is null);
        }
    }

    private static int[] Ints(long[] row) => row.Select(id => checked((int)id)).ToArray();
}
