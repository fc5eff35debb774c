namespace Smoothie.Embeddings.Readers;

/// <summary>Shared wording of reader error messages.</summary>
internal static class ReaderMessages
{
    /// <summary>A comma-separated list, shortened after <paramref name="limit"/> entries.</summary>
    public static string ListNames(IEnumerable<string> names, int limit = 60)
    {
        List<string> all = names.ToList();
        string shown = string.Join(", ", all.Take(limit));
        return all.Count > limit ? $"{shown}, … ({all.Count - limit} more)" : shown;
    }

    /// <summary>Validates a 2-D tensor against a vocabulary and builds the embeddings, naming the file in every error.</summary>
    public static TokenEmbeddings ToEmbeddings(NamedTensor tensor, IReadOnlyList<string> vocabulary, string file, string source)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (tensor.Shape.Length != 2)
        {
            throw new InvalidDataException(
                $"Tensor '{tensor.Name}' of '{file}' has shape {tensor.ShapeText}; an embedding matrix must be 2-D [vocabulary, dimension].");
        }

        if (tensor.Shape[0] != vocabulary.Count)
        {
            throw new ArgumentException(
                $"The vocabulary has {vocabulary.Count} tokens but tensor '{tensor.Name}' of '{file}' has {tensor.Shape[0]} rows "
                + $"(shape {tensor.ShapeText}); the vocabulary and the embedding matrix must have the same size.",
                nameof(vocabulary));
        }

        try
        {
            return new TokenEmbeddings(vocabulary, tensor.Data, checked((int)tensor.Shape[1]), source);
        }
        catch (ArgumentException e) when (e.ParamName == "weights")
        {
            throw new InvalidDataException($"Tensor '{tensor.Name}' of '{file}': {e.Message}", e);
        }
    }
}
