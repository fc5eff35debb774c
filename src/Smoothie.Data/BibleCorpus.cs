using System.IO.Compression;

namespace Smoothie.Data;

/// <summary>
/// The verse-aligned Bible corpus (KJV → modern WEB; Spanish → English) bundled inside this assembly as
/// Brotli-compressed TSV resources (provenance: <c>Resources/README-bible.md</c>). Needs no file on disk.
/// Splits are cached after the first load.
/// </summary>
public static class BibleCorpus
{
    /// <summary>The column names of the corpus TSV, in file order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["ref", "kjv", "web", "spa"];

    private static readonly Lazy<IReadOnlyList<BibleVerse>>[] Cache =
    [
        new(() => Read(BibleSplit.Train)),
        new(() => Read(BibleSplit.Valid)),
        new(() => Read(BibleSplit.Test)),
    ];

    /// <summary>The manifest resource name of a split.</summary>
    public static string ResourceName(BibleSplit split) => $"Smoothie.Data.Resources.bible-{SplitName(split)}.tsv.br";

    /// <summary>All verses of <paramref name="split"/> with every column.</summary>
    /// <exception cref="ArgumentException">Unknown split.</exception>
    public static IReadOnlyList<BibleVerse> Load(BibleSplit split) => Cache[(int)Check(split)].Value;

    /// <summary>
    /// The pairs (<paramref name="sourceColumn"/> → <paramref name="targetColumn"/>) of <paramref name="split"/>, with the verse
    /// reference as id, e.g. <c>Pairs(BibleSplit.Test, "kjv", "web")</c>.
    /// </summary>
    /// <exception cref="MissingColumnException">A column is not one of <c>ref</c>, <c>kjv</c>, <c>web</c>, <c>spa</c>.</exception>
    public static IReadOnlyList<Seq2SeqPair> Pairs(BibleSplit split, string sourceColumn, string targetColumn)
    {
        CheckColumn(sourceColumn, nameof(sourceColumn));
        CheckColumn(targetColumn, nameof(targetColumn));
        return Load(split).Select(v => new Seq2SeqPair(v.Get(sourceColumn), v.Get(targetColumn), v.Ref)).ToArray();
    }

    /// <summary>Opens the decompressed TSV text of <paramref name="split"/> (header <c>ref, kjv, web, spa</c>).</summary>
    public static TextReader OpenTsv(BibleSplit split)
    {
        string name = ResourceName(Check(split));
        Stream compressed = typeof(BibleCorpus).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource '{name}' is missing from {typeof(BibleCorpus).Assembly.GetName().Name}.");
        return new StreamReader(new BrotliStream(compressed, CompressionMode.Decompress), System.Text.Encoding.UTF8);
    }

    private static IReadOnlyList<BibleVerse> Read(BibleSplit split)
    {
        using TextReader reader = OpenTsv(split);
        return TextTableReader.ReadColumns(reader, TextFileFormat.Tsv, Columns, ResourceName(split))
            .Select(r => new BibleVerse(r.Values[0], r.Values[1], r.Values[2], r.Values[3]))
            .ToArray();
    }

    private static void CheckColumn(string column, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(column, parameterName);
        if (!Columns.Contains(column.ToLowerInvariant()))
        {
            throw new MissingColumnException(column, Columns, parameterName, "the Bible corpus");
        }
    }

    private static BibleSplit Check(BibleSplit split) =>
        Enum.IsDefined(split) ? split : throw new ArgumentException($"Unknown split {split}; expected Train, Valid or Test.", nameof(split));

    private static string SplitName(BibleSplit split) => Check(split) switch
    {
        BibleSplit.Train => "train",
        BibleSplit.Valid => "valid",
        _ => "test",
    };
}
