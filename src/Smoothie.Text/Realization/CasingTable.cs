using System.Text.Json;

namespace Smoothie.Text.Realization;

/// <summary>
/// How words are usually written in a corpus: for every word key (<see cref="TextWords.Key"/>) whose most frequent
/// spelling away from a sentence start is not plain lower case, that spelling ("god" → "God", "yahweh" → "Yahweh",
/// "i" → "I"). Learned from the training targets and saved with a pipeline, it gives an uncased model's output the
/// casing its references use.
/// </summary>
public sealed class CasingTable
{
    private readonly Dictionary<string, string> forms;

    /// <summary>Creates a table from key → spelling pairs.</summary>
    /// <param name="forms">The spellings by key.</param>
    public CasingTable(IReadOnlyDictionary<string, string> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        this.forms = new Dictionary<string, string>(forms, StringComparer.Ordinal);
    }

    /// <summary>The number of words with a spelling other than lower case.</summary>
    public int Count => forms.Count;

    /// <summary>The spellings by key.</summary>
    public IReadOnlyDictionary<string, string> Forms => forms;

    /// <summary>Learns the table from texts (the training targets).</summary>
    /// <param name="texts">Texts written as the outputs should be.</param>
    public static CasingTable Learn(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            IReadOnlyList<string> words = TextWords.Split(text);
            bool sentenceStart = true;
            foreach (string word in words)
            {
                if (TextWords.IsPunctuationWord(word))
                {
                    sentenceStart = TextWords.MayStartSentenceAfter(word, sentenceStart);
                    continue;
                }

                if (!sentenceStart)
                {
                    string key = TextWords.Key(word);
                    if (!counts.TryGetValue(key, out Dictionary<string, int>? spellings))
                    {
                        spellings = new Dictionary<string, int>(StringComparer.Ordinal);
                        counts[key] = spellings;
                    }

                    spellings[word] = spellings.GetValueOrDefault(word) + 1;
                }

                sentenceStart = false;
            }
        }

        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> spellings) in counts)
        {
            string best = spellings.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
            if (best != key)
            {
                forms[key] = best;
            }
        }

        return new CasingTable(forms);
    }

    /// <summary>The usual spelling of a word key, or null when it is written in lower case.</summary>
    /// <param name="key">A word key.</param>
    public string? Lookup(string key) => forms.GetValueOrDefault(key);

    /// <summary>Writes the table as JSON (an object of key → spelling).</summary>
    public string ToJson() => JsonSerializer.Serialize(new SortedDictionary<string, string>(forms, StringComparer.Ordinal));

    /// <summary>Reads a table written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="InvalidDataException">The text is not a JSON object of strings.</exception>
    public static CasingTable FromJson(string json)
    {
        try
        {
            return new CasingTable(JsonSerializer.Deserialize<Dictionary<string, string>>(json)
                ?? throw new InvalidDataException("The casing table is empty (expected a JSON object of word → spelling)."));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The casing table is not a JSON object of word → spelling: {e.Message}", e);
        }
    }
}
