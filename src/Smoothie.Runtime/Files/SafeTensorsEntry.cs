namespace Smoothie.Runtime.Files;

/// <summary>One tensor's entry in a safetensors header: its name, dtype, shape and where its bytes lie.</summary>
/// <param name="Name">The tensor name, e.g. <c>bert.embeddings.word_embeddings.weight</c>.</param>
/// <param name="DType">The safetensors dtype code, e.g. <c>F32</c>, <c>BF16</c>, <c>I64</c>.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Begin">The first byte of the data, relative to the start of the data section.</param>
/// <param name="End">One past the last byte of the data, relative to the start of the data section.</param>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    /// <summary>Name, dtype and shape as one line, e.g. <c>bert.embeddings.word_embeddings.weight F32 [30522, 768]</c>.</summary>
    public string Description => $"{Name} {DType} [{string.Join(", ", Shape)}]";
}
