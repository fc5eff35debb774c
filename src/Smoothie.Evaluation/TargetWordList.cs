using System.Collections;
using System.Text;

namespace Smoothie.Evaluation;

/// <summary>
/// The lower-cased words of a training set's target texts, against which <see cref="ReaderMetrics"/> decides whether an
/// output word is invented. Words are split as by the reader metrics (runs of letters and digits with inner apostrophes;
/// punctuation is not a word). The list is saved as a plain UTF-8 text file (no byte order mark), one word per line,
/// sorted ordinally, so a pipeline folder can keep it next to the model.
/// </summary>
public sealed class TargetWordList : IReadOnlySet<string>
{
    private readonly HashSet<string> words;

    private TargetWordList(HashSet<string> words) => this.words = words;

    /// <inheritdoc/>
    public int Count => words.Count;

    /// <summary>Collects the distinct lower-cased words of <paramref name="targetTexts"/>.</summary>
    /// <param name="targetTexts">The training target texts (for example the modern side of the training pairs).</param>
    /// <exception cref="ArgumentException">A text is null.</exception>
    public static TargetWordList FromTexts(IEnumerable<string> targetTexts)
    {
        ArgumentNullException.ThrowIfNull(targetTexts);
        var set = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (string text in targetTexts)
        {
            if (text is null)
            {
                throw new ArgumentException($"Target text {index} is null.", nameof(targetTexts));
            }

            set.UnionWith(ReaderWords.LowerWords(text));
            index++;
        }

        return new TargetWordList(set);
    }

    /// <summary>Reads a list written by <see cref="Save"/>: one word per line; words are lower-cased, blank lines skipped.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TargetWordList Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            string word = line.Trim();
            if (word.Length > 0)
            {
                set.Add(word.ToLowerInvariant());
            }
        }

        return new TargetWordList(set);
    }

    /// <summary>Writes the words, sorted ordinally, one per line (<c>\n</c>), as UTF-8 without a byte order mark.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = new StringBuilder();
        foreach (string word in words.Order(StringComparer.Ordinal))
        {
            builder.Append(word).Append('\n');
        }

        File.WriteAllText(path, builder.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Whether <paramref name="item"/> (expected lower-case) is one of the words.</summary>
    /// <param name="item">A lower-cased word.</param>
    public bool Contains(string item) => words.Contains(item);

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => words.GetEnumerator();

    /// <inheritdoc/>
    public bool IsProperSubsetOf(IEnumerable<string> other) => words.IsProperSubsetOf(other);

    /// <inheritdoc/>
    public bool IsProperSupersetOf(IEnumerable<string> other) => words.IsProperSupersetOf(other);

    /// <inheritdoc/>
    public bool IsSubsetOf(IEnumerable<string> other) => words.IsSubsetOf(other);

    /// <inheritdoc/>
    public bool IsSupersetOf(IEnumerable<string> other) => words.IsSupersetOf(other);

    /// <inheritdoc/>
    public bool Overlaps(IEnumerable<string> other) => words.Overlaps(other);

    /// <inheritdoc/>
    public bool SetEquals(IEnumerable<string> other) => words.SetEquals(other);

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
