namespace Smoothie.Embeddings.Readers;

/// <summary>A float32 tensor read from a model file: row-major values and shape.</summary>
/// <param name="Name">The tensor (initializer) name in its file.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Data">Row-major values, the product of <paramref name="Shape"/> long.</param>
public sealed record NamedTensor(string Name, long[] Shape, float[] Data)
{
    /// <summary>The shape as text, e.g. <c>[30522, 384]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
