namespace Smoothie.Text.Baselines;

/// <summary>
/// Which indefinite article the training targets write before each word ("a holy", "an expanse"), learned with a
/// <see cref="WordLookupBaseline"/> and used to make a rewrite agree: a word rewritten under its article ("a firmament" →
/// "a expanse") or an archaic article kept ("an hundred") takes the article the targets use (<see cref="Agree"/>).
/// A word the targets wrote after an article fewer than <see cref="MinimumWordCount"/> times is judged by its first
/// letter, when the targets' words starting with it take one article at least <see cref="MinimumShare"/> of the time.
/// </summary>
internal sealed class ArticleUsage
{
    /// <summary>The fewest times the targets wrote a word after "a" or "an" for its own counts to decide.</summary>
    public const int MinimumWordCount = 2;

    /// <summary>The least share of one article, for a word or for a first letter, to decide.</summary>
    public const double MinimumShare = 0.9;

    /// <summary>The fewest occurrences of a first letter after an article for it to decide.</summary>
    public const int MinimumLetterCount = 50;

    private readonly Dictionary<string, (int A, int An)> words;
    private readonly Dictionary<char, (int A, int An)> letters = [];

    /// <summary>Creates the usage from counts per lower-cased word of "a word" and "an word" in the targets.</summary>
    public ArticleUsage(Dictionary<string, (int A, int An)> words, bool known)
    {
        this.words = words;
        Known = known;
        foreach ((string word, (int a, int an)) in words)
        {
            (int A, int An) letter = letters.GetValueOrDefault(word[0]);
            letters[word[0]] = (letter.A + a, letter.An + an);
        }
    }

    /// <summary>Whether the usage was learned (or read from a file that holds it), even if no article was seen.</summary>
    public bool Known { get; }

    /// <summary>The counts per lower-cased word.</summary>
    public IReadOnlyDictionary<string, (int A, int An)> Words => words;

    /// <summary>Counts the articles of one target text.</summary>
    public static void Count(IReadOnlyList<LookupToken> target, Dictionary<string, (int A, int An)> counts)
    {
        for (int j = 0; j + 1 < target.Count; j++)
        {
            string article = LookupText.Lower(target[j].Text);
            if (article is "a" or "an" && target[j + 1].IsWord)
            {
                string word = LookupText.Lower(target[j + 1].Text);
                (int A, int An) c = counts.GetValueOrDefault(word);
                counts[word] = article == "a" ? (c.A + 1, c.An) : (c.A, c.An + 1);
            }
        }
    }

    /// <summary>
    /// Makes every "a"/"an" token of <paramref name="tokens"/> that is followed by a word agree with the targets' usage
    /// before that word (the article's case is kept); returns whether it changed one.
    /// </summary>
    public bool Agree(List<LookupToken> tokens)
    {
        bool changed = false;
        for (int i = 0; i + 1 < tokens.Count; i++)
        {
            string article = LookupText.Lower(tokens[i].Text);
            if (article is not ("a" or "an") || !tokens[i + 1].IsWord || Expected(LookupText.Lower(tokens[i + 1].Text)) is not { } expected || expected == article)
            {
                continue;
            }

            string text = char.IsUpper(tokens[i].Text[0]) ? LookupText.Capitalize(expected) : expected;
            tokens[i] = tokens[i] with { Text = text };
            changed = true;
        }

        return changed;
    }

    /// <summary>The article the targets write before a lower-cased word, or null when they do not say.</summary>
    internal string? Expected(string word)
    {
        (int a, int an) = words.GetValueOrDefault(word);
        if (a + an < MinimumWordCount)
        {
            (a, an) = letters.GetValueOrDefault(word[0]);
            if (a + an < MinimumLetterCount)
            {
                return null;
            }
        }

        return a >= MinimumShare * (a + an) ? "a" : an >= MinimumShare * (a + an) ? "an" : null;
    }
}
