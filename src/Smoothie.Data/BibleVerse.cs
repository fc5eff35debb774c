namespace Smoothie.Data;

/// <summary>One verse of the bundled corpus in its three translations.</summary>
/// <param name="Ref">The verse reference, e.g. <c>Genesis 1:1</c>.</param>
/// <param name="Kjv">King James Version (1769 text).</param>
/// <param name="Web">World English Bible (modern English).</param>
/// <param name="Spa">Reina-Valera 1909 (Spanish).</param>
public sealed record BibleVerse(string Ref, string Kjv, string Web, string Spa)
{
    /// <summary>The value of a column by its TSV name: <c>ref</c>, <c>kjv</c>, <c>web</c> or <c>spa</c> (case-insensitive).</summary>
    /// <exception cref="MissingColumnException">The name is none of these.</exception>
    public string Get(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.ToLowerInvariant() switch
        {
            "ref" => Ref,
            "kjv" => Kjv,
            "web" => Web,
            "spa" => Spa,
            _ => throw new MissingColumnException(column, BibleCorpus.Columns, nameof(column), "the Bible corpus"),
        };
    }
}
