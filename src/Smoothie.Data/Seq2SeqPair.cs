namespace Smoothie.Data;

/// <summary>One sequence-to-sequence example: a source text, the target text it should be rewritten into, and an optional id.</summary>
/// <param name="Source">The conditioning text (for example a KJV verse).</param>
/// <param name="Target">The text to generate (for example the same verse in the World English Bible).</param>
/// <param name="Id">An optional identifier (for example the verse reference <c>Genesis 1:1</c>).</param>
public sealed record Seq2SeqPair(string Source, string Target, string? Id = null);
