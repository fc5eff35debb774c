using System.Security.Cryptography;

namespace Smoothie.Embeddings;

/// <summary>
/// A vocabulary and its token embedding matrix as plain managed data (row-major, <c>float32</c>), before any
/// normalisation or tensor allocation. Every embedding source (ONNX, safetensors, GloVe, corpus-trained, MiniLM)
/// produces one; <see cref="EmbeddingMatrix"/> turns it into a tensor for a latent space.
/// </summary>
public sealed class TokenEmbeddings
{
    /// <summary>Creates the table, validating shapes and values.</summary>
    /// <param name="tokens">The vocabulary: row <c>i</c> of <paramref name="weights"/> embeds <c>tokens[i]</c>.</param>
    /// <param name="weights">Row-major <c>[tokens.Count, dimension]</c> values.</param>
    /// <param name="dimension">The embedding width d.</param>
    /// <param name="source">Where the table came from (e.g. <c>minilm:all-MiniLM-L6-v2</c>), recorded in checkpoints.</param>
    /// <exception cref="ArgumentException">Shapes disagree, the vocabulary is empty, or a value is NaN/Inf.</exception>
    public TokenEmbeddings(IReadOnlyList<string> tokens, float[] weights, int dimension, string source)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (tokens.Count == 0)
        {
            throw new ArgumentException("The vocabulary is empty; at least one token is required.", nameof(tokens));
        }

        if (dimension <= 0)
        {
            throw new ArgumentException($"The embedding dimension must be positive, got {dimension}.", nameof(dimension));
        }

        if ((long)tokens.Count * dimension != weights.LongLength)
        {
            throw new ArgumentException(
                $"The vocabulary has {tokens.Count} tokens but the embedding matrix has {weights.LongLength} values "
                + $"({weights.LongLength / (double)dimension:0.##} rows of width {dimension}); expected {(long)tokens.Count * dimension}.",
                nameof(weights));
        }

        for (long i = 0; i < weights.LongLength; i++)
        {
            if (!float.IsFinite(weights[i]))
            {
                throw new ArgumentException(
                    $"The embedding matrix contains {weights[i]} at row {i / dimension} ('{tokens[(int)(i / dimension)]}'), column {i % dimension}; all values must be finite.",
                    nameof(weights));
            }
        }

        Tokens = tokens;
        Weights = weights;
        Dimension = dimension;
        Source = source;
    }

    /// <summary>The vocabulary, in row order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Row-major <c>[Rows, Dimension]</c> values.</summary>
    public float[] Weights { get; }

    /// <summary>The embedding width d.</summary>
    public int Dimension { get; }

    /// <summary>The number of rows V.</summary>
    public int Rows => Tokens.Count;

    /// <summary>Where the table came from.</summary>
    public string Source { get; }

    /// <summary>One row of the matrix.</summary>
    /// <param name="row">The token id.</param>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return Weights.AsSpan(row * Dimension, Dimension);
    }

    /// <summary>
    /// A stable identity of the vocabulary and values (SHA-256, hex, first 16 bytes), stored in checkpoints so that a
    /// model is never loaded against different embeddings.
    /// </summary>
    public string ComputeIdentity()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string token in Tokens)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(token));
            hash.AppendData([0]);
        }

        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Weights.AsSpan()));
        return Convert.ToHexString(hash.GetHashAndReset(), 0, 16).ToLowerInvariant();
    }
}
