using Smoothie.Text.Baselines;
using Smoothie.Text.Layout;

namespace Smoothie.Text.Realization;

/// <summary>How the guard pairs the output's tokens with the source's: what each source word is expected to be, and the alignment.</summary>
public sealed partial class LookupGuard
{
    /// <summary>
    /// Which source words the draft keeps, and the first word of every source token's prediction (the kept word itself),
    /// or null for a token the lookup deletes: those take no part in the alignment (so an output word is not paired with a
    /// deleted "And" while the word it rewrites counts as lost), nor does a word the draft deletes with its neighbour
    /// ("did not" → "didn’t"), which is not restored either.
    /// </summary>
    private (bool[] Kept, string?[] Predicted) Predictions(List<LookupToken> src)
    {
        bool[] kept = src.Select((t, i) => t.IsWord && Options.KeepShare is { } share && Keepable(src, i) && lookup.Copies(src, i, share, Options.InContext)).ToArray();
        string?[] predicted = src.Select((t, i) => kept[i] ? LookupText.Lower(t.Text)
            : Options.InContext && Options.KeepShare is { } share && lookup.DeletedWithPair(src, i, share) ? null
            : lookup.PredictedFirstWord(src, i, Options.InContext)).ToArray();
        return (kept, predicted);
    }

    /// <summary>
    /// The output's alignment (on word ids) with a sequence that holds, for every source token with a prediction, its
    /// index and its predicted first word; the words the draft writes before it ("became the" before "begat"'s "father") and the words of its prediction
    /// after the first ("of" of "father of") stand in it for no source token (-1), so that the model's copy of them is not
    /// paired with the words around them ("became the father Bela" for "begat Bela" where the model lost "Bela").
    /// </summary>
    private (List<int> Aligned, TokenAlignment Alignment) Align(List<LookupToken> src, List<LookupToken> outp, bool[] kept, string?[] predicted)
    {
        var aligned = new List<int>(src.Count);
        var words = new List<string>(src.Count);
        for (int i = 0; i < src.Count; i++)
        {
            if (predicted[i] is null)
            {
                continue;
            }

            if (Options.InContext && Options.KeepShare is { } share)
            {
                foreach (string word in lookup.PrefixWords(src, i, share))
                {
                    aligned.Add(-1);
                    words.Add(word);
                }
            }

            aligned.Add(i);
            words.Add(predicted[i]!);
            if (!kept[i])
            {
                foreach (LookupToken token in lookup.RewriteToken(src, i, Options.InContext).Skip(1).Where(t => t.IsWord))
                {
                    aligned.Add(-1);
                    words.Add(LookupText.Lower(token.Text));
                }
            }
        }

        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        long[] sourceIds = words.Select(w => Id(ids, w)).ToArray();
        long[] outputIds = outp.Select(t => Id(ids, LookupText.Lower(t.Text))).ToArray();
        return (aligned, TokenAlignment.Align(sourceIds, outputIds));
    }

    private static long Id(Dictionary<string, long> ids, string token)
    {
        if (!ids.TryGetValue(token, out long id))
        {
            id = ids.Count;
            ids[token] = id;
        }

        return id;
    }
}
