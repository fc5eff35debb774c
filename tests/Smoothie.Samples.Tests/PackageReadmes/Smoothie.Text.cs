using Smoothie.Text;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Text/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieTextReadme
{
    public static string Example()
    {
        ITextCodec codec = Gpt2TextCodec.Create();  // GPT-2's byte-level BPE, offline (Microsoft.ML.Tokenizers' data package)
        EncodedText encoded = codec.Encode("Thou shalt not kill.", length: 16);
        string decoded = codec.Decode(encoded.Ids);
        Console.WriteLine($"{encoded.Ids.Length} ids of a {codec.VocabularySize}-token vocabulary: {decoded}");
        return decoded;
    }
}
