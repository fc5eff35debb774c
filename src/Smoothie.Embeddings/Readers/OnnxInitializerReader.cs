namespace Smoothie.Embeddings.Readers;

/// <summary>
/// Reads a named initializer of an ONNX model as token embeddings, without running the model (e.g.
/// <c>embeddings.word_embeddings.weight</c> of a BERT export).
/// </summary>
public static class OnnxInitializerReader
{
    /// <summary>Reads one initializer of a model file as float32.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file.</param>
    /// <param name="initializerName">The initializer name.</param>
    /// <exception cref="ArgumentException">No initializer has that name (the message lists the available ones).</exception>
    /// <exception cref="InvalidDataException">The file is not a readable ONNX model or the tensor is not floating-point.</exception>
    public static NamedTensor ReadTensor(string modelPath, string initializerName) =>
        OnnxModelFile.Load(modelPath).GetInitializer(initializerName).ToTensor();

    /// <summary>Reads a 2-D initializer as embeddings aligned with <paramref name="vocabulary"/>.</summary>
    /// <param name="model">The parsed model.</param>
    /// <param name="initializerName">The initializer name.</param>
    /// <param name="vocabulary">The tokens, one per row.</param>
    /// <param name="source">The identity recorded in <see cref="TokenEmbeddings.Source"/>; defaults to <c>onnx:{file}#{name}</c>.</param>
    /// <exception cref="ArgumentException">Missing initializer name, or vocabulary size ≠ rows.</exception>
    /// <exception cref="InvalidDataException">Not 2-D, not floating-point, NaN/Inf values, or a corrupt file.</exception>
    public static TokenEmbeddings ReadEmbeddings(OnnxModelFile model, string initializerName, IReadOnlyList<string> vocabulary, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        NamedTensor tensor = model.GetInitializer(initializerName).ToTensor();
        return ReaderMessages.ToEmbeddings(tensor, vocabulary, model.Source, source ?? $"onnx:{Path.GetFileName(model.Source)}#{initializerName}");
    }

    /// <summary>Reads a 2-D initializer of a model file as embeddings aligned with <paramref name="vocabulary"/>.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file.</param>
    /// <param name="initializerName">The initializer name.</param>
    /// <param name="vocabulary">The tokens, one per row.</param>
    /// <param name="source">The identity recorded in <see cref="TokenEmbeddings.Source"/>.</param>
    public static TokenEmbeddings ReadEmbeddings(string modelPath, string initializerName, IReadOnlyList<string> vocabulary, string? source = null) =>
        ReadEmbeddings(OnnxModelFile.Load(modelPath), initializerName, vocabulary, source);
}
