using System.Globalization;
using System.Text;

namespace Smoothie.Embeddings.Readers;

/// <summary>
/// Reads word vectors in GloVe / word2vec text format: one <c>word v1 … vd</c> line per word, separated by spaces or
/// tabs, with an optional word2vec header line <c>V d</c>. The vocabulary is the words in file order (row i = line i).
/// </summary>
public static class GloveTextReader
{
    /// <summary>Reads a file.</summary>
    /// <param name="path">The text file (UTF-8).</param>
    /// <param name="maxWords">Read at most this many words (the most frequent come first in GloVe files); null = all.</param>
    /// <param name="source">The identity recorded in <see cref="TokenEmbeddings.Source"/>; defaults to <c>glove:{file}</c>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Ragged rows, unparsable numbers, duplicate words, a header that disagrees with the rows, or NaN/Inf.</exception>
    public static TokenEmbeddings Read(string path, int? maxWords = null, string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The word-vector file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path, maxWords, source ?? $"glove:{Path.GetFileName(path)}");
    }

    /// <summary>Reads word vectors from text.</summary>
    /// <param name="reader">The text (not disposed).</param>
    /// <param name="name">A name for error messages.</param>
    /// <param name="maxWords">Read at most this many words; null = all.</param>
    /// <param name="source">The identity recorded in <see cref="TokenEmbeddings.Source"/>.</param>
    public static TokenEmbeddings Read(TextReader reader, string name, int? maxWords, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (maxWords is <= 0)
        {
            throw new ArgumentException($"maxWords must be positive when given, got {maxWords}.", nameof(maxWords));
        }

        var words = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<float>();
        int dimension = -1;
        long? declaredWords = null;
        int lineNumber = 0;
        char[] separators = [' ', '\t'];
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            string[] fields = line.Split(separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (lineNumber == 1 && TryParseHeader(fields, name, out long v, out int d))
            {
                declaredWords = v;
                dimension = d;
                continue;
            }

            if (fields.Length < 2)
            {
                throw new InvalidDataException($"'{name}' line {lineNumber}: expected a word followed by its vector values, found '{Shorten(line)}'.");
            }

            if (dimension < 0)
            {
                dimension = fields.Length - 1;
            }
            else if (fields.Length - 1 != dimension)
            {
                throw new InvalidDataException(
                    $"'{name}' line {lineNumber} (word '{fields[0]}') has {fields.Length - 1} values; expected {dimension} "
                    + $"(the width {(declaredWords is null ? "of the first row" : "declared by the header")}). Ragged rows are not allowed.");
            }

            string word = fields[0];
            if (firstLine.TryGetValue(word, out int earlier))
            {
                throw new InvalidDataException($"'{name}' line {lineNumber}: the word '{word}' already appeared on line {earlier}; words must be unique.");
            }

            firstLine[word] = lineNumber;
            AddValues(fields, name, lineNumber, values);
            words.Add(word);
            if (words.Count == maxWords)
            {
                break;
            }
        }

        return Build(words, values, dimension, declaredWords, maxWords, name, source);
    }

    /// <summary>Whether the fields of line 1 are a word2vec header <c>V d</c>; a header with d ≤ 0 is an error.</summary>
    private static bool TryParseHeader(string[] fields, string name, out long words, out int dimension)
    {
        dimension = 0;
        if (!(fields.Length == 2
            && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out words)
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out dimension)))
        {
            words = 0;
            return false;
        }

        if (dimension <= 0)
        {
            throw new InvalidDataException($"'{name}' line 1: the word2vec header declares dimension {dimension}; expected a positive width.");
        }

        return true;
    }

    /// <summary>Parses the vector values of a line (fields 1..) onto <paramref name="values"/>.</summary>
    private static void AddValues(string[] fields, string name, int lineNumber, List<float> values)
    {
        string word = fields[0];
        for (int j = 1; j < fields.Length; j++)
        {
            if (!float.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out float x))
            {
                throw new InvalidDataException($"'{name}' line {lineNumber} (word '{word}'), value {j}: '{Shorten(fields[j])}' is not a number.");
            }

            values.Add(x);
        }
    }

    /// <summary>The embeddings read, after the checks that need the whole file (not empty, as many words as the header declares).</summary>
    private static TokenEmbeddings Build(List<string> words, List<float> values, int dimension, long? declaredWords, int? maxWords, string name, string source)
    {
        if (words.Count == 0)
        {
            throw new InvalidDataException($"'{name}' contains no word vectors.");
        }

        if (declaredWords is { } declared && maxWords is null && declared != words.Count)
        {
            throw new InvalidDataException(
                $"'{name}': the word2vec header declares {declared} words but the file has {words.Count}; the file may be truncated.");
        }

        try
        {
            return new TokenEmbeddings(words, values.ToArray(), dimension, source);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{name}': {e.Message}", e);
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
