using Smoothie.Data;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Data/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieDataReadme
{
    public static int Example(string folder)
    {
        IReadOnlyList<Seq2SeqPair> bible = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web");
        Console.WriteLine($"{bible.Count} verses; first: {bible[0].Source} => {bible[0].Target}");
        Seq2SeqWriter.WriteFile(Path.Combine(folder, "valid.tsv"), bible);
        IReadOnlyList<Seq2SeqPair> read = Seq2SeqReader.ReadFile(Path.Combine(folder, "valid.tsv"), "source", "target");
        return read.Count;
    }
}
