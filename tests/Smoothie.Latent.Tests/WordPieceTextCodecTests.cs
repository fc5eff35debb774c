using System.Text;
using Smoothie.Text;

namespace Smoothie.Latent.Tests;

public class WordPieceTextCodecTests
{
    // ids:                 0        1        2        3        4         5      6       7      8      9     10    11    12       13
    private static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "play", "##ing", "##s", ",", ".", "The", "dog"];

    private static WordPieceTextCodec Create(bool lowerCase, TruncationPolicy policy = TruncationPolicy.TruncateAndRecord) =>
        WordPieceTextCodec.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", Vocabulary) + "\n")), lowerCase, policy);

    [Fact]
    public void EncodesClsContentSepThenPaddingToTheFixedLength()
    {
        WordPieceTextCodec codec = Create(lowerCase: true);

        EncodedText encoded = codec.Encode("The cat playing.", 10);

        Assert.Equal([2, 5, 6, 7, 8, 11, 3, 0, 0, 0], encoded.Ids);
        Assert.Equal(7, encoded.UsedLength);
        Assert.False(encoded.WasTruncated);
        Assert.Equal((0, 2, 3, 1, 4), (codec.PadId, codec.StartId!.Value, codec.EndId, codec.UnknownId!.Value, codec.MaskId));
        Assert.Equal(14, codec.VocabularySize);
    }

    [Fact]
    public void CasedKeepsCaseAndUncasedLowercases()
    {
        Assert.Equal([12, 6], Create(lowerCase: false).Tokenize("The cat"));
        Assert.Equal([5, 6], Create(lowerCase: true).Tokenize("The cat"));
        Assert.Equal([1], Create(lowerCase: false).Tokenize("THE"));
    }

    [Fact]
    public void TruncationKeepsTheEndTokenAndIsRecorded()
    {
        WordPieceTextCodec codec = Create(lowerCase: true);

        EncodedText encoded = codec.Encode("the cat the dog the cat", 5);
        codec.Encode("cat", 5);

        Assert.Equal([2, 5, 6, 5, 3], encoded.Ids);
        Assert.Equal(6, encoded.ContentTokens);
        Assert.Equal(3, encoded.DroppedTokens);
        Assert.Equal(2, codec.Truncations.EncodedSequences);
        Assert.Equal(1, codec.Truncations.TruncatedSequences);
        Assert.Equal(3, codec.Truncations.DroppedTokens);
        Assert.Equal(6, codec.Truncations.LongestContent);
        codec.Truncations.Reset();
        Assert.Equal(0, codec.Truncations.TruncatedSequences);
    }

    [Fact]
    public void ThrowPolicyRejectsTextsThatDoNotFit()
    {
        WordPieceTextCodec codec = Create(lowerCase: true, TruncationPolicy.Throw);

        var error = Assert.Throws<ArgumentException>(() => codec.Encode("the cat the dog", 4));

        Assert.Contains("4 tokens", error.Message);
        Assert.Contains("only 2 fit", error.Message);
        Assert.Equal(0, codec.Truncations.EncodedSequences);
    }

    [Fact]
    public void LengthTooShortForTheSpecialTokensIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(lowerCase: true).Encode("cat", 2));
        Assert.Equal("length", error.ParamName);
    }

    [Fact]
    public void DecodeStopsAtTheFirstSepSkipsSpecialsAndJoinsPieces()
    {
        WordPieceTextCodec codec = Create(lowerCase: true);

        // [CLS] the [MASK] cat play ##s , [PAD] dog . [SEP] dog dog
        string text = codec.Decode([2, 5, 4, 6, 7, 9, 10, 0, 13, 11, 3, 13, 13]);
        string longText = codec.Decode(new long[] { 5, 7, 8, 3, 6 });

        Assert.Equal("the cat plays, dog.", text);
        Assert.Equal("the playing", longText);
        Assert.Throws<ArgumentOutOfRangeException>(() => codec.Decode([5, 99]));
    }

    [Fact]
    public void BatchEncodingIsRowMajorInt64WithMaskAndTruncatedRows()
    {
        WordPieceTextCodec codec = Create(lowerCase: true);

        EncodedBatch batch = codec.EncodeBatch(["cat", "the cat the cat the"], 5);

        Assert.Equal(new long[] { 2, 6, 3, 0, 0, 2, 5, 6, 5, 3 }, batch.Ids);
        Assert.Equal(new long[] { 1, 1, 1, 0, 0, 1, 1, 1, 1, 1 }, batch.CreateAttentionMask());
        Assert.Equal([1], batch.TruncatedRows);
        Assert.Equal("cat", codec.Decode(batch.Row(0)));
        Assert.Equal("the cat the", codec.Decode(batch.Row(1)));
    }

    [Fact]
    public void VocabularyWithoutSpecialTokensIsRejectedNamingThem()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            WordPieceTextCodec.FromStream(new MemoryStream("[PAD]\n[UNK]\ncat\n"u8.ToArray()), true, sourceName: "tiny.txt"));

        Assert.Contains("tiny.txt", error.Message);
        Assert.Contains("[CLS], [SEP], [MASK]", error.Message);
    }

    [Theory]
    [InlineData("hello , world .", DetokenizationCleanup.HuggingFace, "hello, world.")]
    [InlineData("don ' t go ! i 'm here", DetokenizationCleanup.HuggingFace, "don't go! i'm here")]
    [InlineData("light : and ( see )", DetokenizationCleanup.HuggingFace, "light : and ( see )")]
    [InlineData("light : and ( see ) ;", DetokenizationCleanup.Punctuation, "light: and (see);")]
    [InlineData("a , b", DetokenizationCleanup.None, "a , b")]
    public void CleanupStyles(string input, DetokenizationCleanup style, string expected) =>
        Assert.Equal(expected, TokenizationCleanup.Apply(input, style));
}
