using System.Text;
using Smoothie.Text;
using Smoothie.Text.Layout;
using Smoothie.Text.Realization;

namespace Smoothie.Latent.Tests.Layout;

/// <summary>The layouts and realizers built from a codec: its frame, its special tokens, its detokenization.</summary>
public class CodecLayoutAndRealizerTests
{
    // ids:                 0        1        2        3        4         5      6      7      8      9      10
    private static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", ".", "dog", "##s"];

    private static WordPieceTextCodec Codec() =>
        WordPieceTextCodec.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", Vocabulary) + "\n")), lowerCase: true);

    [Fact]
    public void AFreeLayoutOfACodecFramesAsTheCodecEncodes()
    {
        WordPieceTextCodec codec = Codec();
        var layout = new FreeLayout(codec, 8);
        long[] content = codec.Tokenize("the cat sat.").Select(id => (long)id).ToArray();
        Assert.Equal(codec.Encode("the cat sat.", 8).Ids.Select(id => (long)id), layout.Frame(content));
        Assert.Equal(layout.Frame(content), layout.Arrange([], content, 4));
    }

    [Fact]
    public void LayoutsOfACodecDropEverySpecialTokenOfTheCodecWhenReading()
    {
        WordPieceTextCodec codec = Codec();
        int[] row = [2, 5, 1, 4, 6, 3, 0];
        Assert.Equal([5, 6], new FreeLayout(codec, 7).ReadContent(row));
        Assert.Equal([5, 6], new SourceAlignedLayout(2, codec).ReadContent(row));

        // Built from ids only, a layout knows just the frame ids: [UNK] and [MASK] are content.
        Assert.Equal([5, 1, 4, 6], new FreeLayout(7, 2, 3, 0).ReadContent(row));
    }

    [Fact]
    public void ASourceAlignedLayoutOfACodecUsesItsPaddingAsTheBlank()
    {
        WordPieceTextCodec codec = Codec();
        var layout = new SourceAlignedLayout(2, codec);
        Assert.Equal((2, (int?)2, 3, 0), (layout.SlotsPerSourceToken, layout.StartId, layout.EndId, layout.BlankId));
        Assert.Equal([2, 0, 5, 0, 6, 0, 3, 0], layout.ArrangeSource([5, 6], 4));
    }

    [Fact]
    public void TheRealizerOfAWordPieceCodecJoinsPiecesAndSpellsSentences()
    {
        ITextRealizer realizer = ITextRealizer.For(Codec(), casing: null);
        Assert.IsType<WordPieceIdRealizer>(realizer);
        Assert.Equal("The dogs sat.", realizer.Realize([5, 9, 10, 7, 8], source: null));
        Assert.Equal("The cat cat sat.", realizer.Realize([5, 6, 6, 7, 8], source: null, removeRepeatedWords: false));
        Assert.Equal("The cat sat.", realizer.Realize([5, 6, 6, 7, 8], source: null));
    }

    [Fact]
    public void TheDecodingRealizerDetokenizesAsTheCodecDoes()
    {
        WordPieceTextCodec codec = Codec();
        var realizer = new DecodingRealizer(codec);
        int[] content = [5, 9, 10, 7, 8];
        Assert.Equal(codec.Decode([2, .. content, 3]), realizer.Realize(content, source: null, removeRepeatedWords: true));
        Assert.Equal("codec", Assert.Throws<ArgumentNullException>(() => new DecodingRealizer(null!)).ParamName);
        Assert.Equal("codec", Assert.Throws<ArgumentNullException>(() => ITextRealizer.For(null!, null)).ParamName);
    }
}
