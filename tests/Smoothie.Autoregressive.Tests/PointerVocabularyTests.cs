using Smoothie.Autoregressive.Vocabulary;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Text;

namespace Smoothie.Autoregressive.Tests;

/// <summary>The output vocabulary and its per-source extension.</summary>
public sealed class PointerVocabularyTests
{
    private static readonly ITextCodec Codec = MiniLmEmbeddings.CreateCodec();

    [Fact]
    public void ASourceOnlyTokenGetsAnExtendedIdThatMapsBackToItself()
    {
        PointerVocabulary vocabulary = PointerVocabulary.FromTargets(Codec, ["and god said"]);
        EncodedText encoded = Codec.Encode("and moses said", 8);
        long[] row = encoded.Ids.ToArray().Select(i => (long)i).ToArray();
        int moses = Codec.Tokenize("moses").Single();

        SourceExtension extension = vocabulary.Extend(row);

        Assert.Equal([moses], extension.SourceOnlyCodecIds);
        long extended = vocabulary.TargetIdOf(moses, extension);
        Assert.Equal(vocabulary.Size, extended);
        Assert.Equal(moses, vocabulary.CodecIdOf(extended, extension));
        int said = Codec.Tokenize("said").Single();
        Assert.Equal(said, vocabulary.CodecIdOf(vocabulary.TargetIdOf(said, extension), extension));
    }

    [Fact]
    public void ATargetTokenInNeitherVocabularyIsScoredAsUnknown()
    {
        PointerVocabulary vocabulary = PointerVocabulary.FromTargets(Codec, ["and god said"]);
        SourceExtension extension = vocabulary.Extend(Codec.Encode("and god", 6).Ids.ToArray().Select(i => (long)i).ToArray());
        int pharaoh = Codec.Tokenize("pharaoh").First();

        Assert.Equal(Codec.UnknownId, vocabulary.CodecIdOf(vocabulary.TargetIdOf(pharaoh, extension), extension));
    }

    [Fact]
    public void AnOutputVocabularyWithoutTheEndTokenIsRejected()
    {
        var sub = new Smoothie.Embeddings.SubVocabulary([Codec.PadId, 2000], Codec.VocabularySize);

        var error = Assert.Throws<ArgumentException>(() => new PointerVocabulary(sub, Codec));
        Assert.Contains("end token", error.Message, StringComparison.Ordinal);
    }
}
