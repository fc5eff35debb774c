using Smoothie.Text;

namespace Smoothie.Latent.Tests;

public class Gpt2TextCodecTests
{
    private static readonly Gpt2TextCodec Codec = Gpt2TextCodec.Create();

    [Fact]
    public void VocabularyIsGpt2WithEndOfTextAsEndAndPad()
    {
        Assert.Equal(50257, Codec.VocabularySize);
        Assert.Equal(50256, Codec.EndId);
        Assert.Equal(50256, Codec.PadId);
        Assert.Null(Codec.StartId);
        Assert.Null(Codec.UnknownId);
        Assert.Equal("<|endoftext|>", Codec.Tokens[50256]);
        Assert.Equal("Ġthe", Codec.Tokens[262]);
        Assert.Equal("The", Codec.Tokens[464]);
        Assert.Equal(Codec.Tokens.Count, Codec.Tokens.Distinct().Count());
    }

    [Theory]
    [InlineData("In the beginning God created the heaven and the earth.")]
    [InlineData("  Spaces, CASE and ünïcödé — kept exactly!")]
    public void RoundTripsTextExactly(string text)
    {
        EncodedText encoded = Codec.Encode(text, 48);

        Assert.Equal(text, Codec.Decode(encoded.Ids));
        Assert.Equal(50256, encoded.Ids[encoded.UsedLength - 1]);
        Assert.All(encoded.Ids[encoded.UsedLength..], id => Assert.Equal(50256, id));
    }

    [Fact]
    public void EncodingMatchesKnownGpt2IdsAndDecodeStopsAtEndOfText()
    {
        IReadOnlyList<int> ids = Codec.Tokenize("The the");
        Assert.Equal([464, 262], ids);

        Assert.Equal("The the", Codec.Decode([464, 262, 50256, 464, 464]));
    }

    [Fact]
    public void TruncationKeepsEndOfTextAndIsRecorded()
    {
        Gpt2TextCodec codec = Gpt2TextCodec.Create();

        EncodedText encoded = codec.Encode("The the The the The", 3);

        Assert.Equal([464, 262, 50256], encoded.Ids);
        Assert.Equal(3, encoded.DroppedTokens);
        Assert.Equal(1, codec.Truncations.TruncatedSequences);
    }
}
