namespace Smoothie.Text.Realization;

/// <summary>Realizes content ids as the codec detokenizes them (<see cref="ITextCodec.Decode(ReadOnlySpan{long})"/> of the framed content).</summary>
public sealed class DecodingRealizer : ITextRealizer
{
    /// <summary>Creates the realizer.</summary>
    /// <param name="codec">The text codec.</param>
    public DecodingRealizer(ITextCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Codec = codec;
    }

    /// <summary>The text codec.</summary>
    public ITextCodec Codec { get; }

    /// <summary>Decodes start token, content, end token with the codec.</summary>
    /// <param name="content">Content ids.</param>
    /// <param name="source">Unused.</param>
    /// <param name="removeRepeatedWords">Unused: the codec's detokenization is kept as it is.</param>
    public string Realize(IReadOnlyList<int> content, string? source, bool removeRepeatedWords)
    {
        ArgumentNullException.ThrowIfNull(content);
        var row = new List<long>(content.Count + 2);
        if (Codec.StartId is { } startId)
        {
            row.Add(startId);
        }

        row.AddRange(content.Select(id => (long)id));
        row.Add(Codec.EndId);
        return Codec.Decode(row.ToArray());
    }
}
