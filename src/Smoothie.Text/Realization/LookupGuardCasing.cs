using Smoothie.Text.Baselines;

namespace Smoothie.Text.Realization;

/// <summary>The guard's repairs of case: a name the model wrote for a common word, and a model's sentence-start capital left inside a sentence.</summary>
public sealed partial class LookupGuard
{
    /// <summary>
    /// (e) Whether output word <paramref name="index"/> is capitalised inside a sentence (a name) where it stands for a
    /// lower-case source word that the lookup writes in lower case as another word: "and Seth on fire" for "and setteth on
    /// fire", which the lookup writes "sets".
    /// </summary>
    private bool IsNameForCommonWord(List<LookupToken> outp, int index, List<LookupToken> src, int sourceIndex)
    {
        LookupToken token = outp[index];
        LookupToken sourceToken = src[sourceIndex];
        if (!token.IsWord || !sourceToken.IsWord || !LookupText.IsCased(token.Text) || LookupText.IsCapitals(token.Text) || LookupText.IsCased(sourceToken.Text)
            || StartsSentence(outp, index) || LookupText.Lower(token.Text) == LookupText.Lower(sourceToken.Text))
        {
            return false;
        }

        List<LookupToken> rewrite = lookup.RewriteToken(src, sourceIndex, Options.InContext);
        return rewrite.Count > 0 && rewrite[0].IsWord && !LookupText.IsCased(rewrite[0].Text) && LookupText.Lower(rewrite[0].Text) != LookupText.Lower(token.Text);
    }

    /// <summary>
    /// Adds output word <paramref name="index"/>; a word the model capitalised only because it began a sentence there,
    /// standing for a lower-case source word the lookup writes in lower case, is added in lower case when the repaired
    /// text puts it inside a sentence ("The Lord" after a restored "Thus says": "Thus says the Lord"). Returns whether its
    /// case changed.
    /// </summary>
    private bool AddInSourceCase(List<LookupToken> result, List<LookupToken> outp, int index, int sourceIndex, List<LookupToken> src)
    {
        LookupToken token = outp[index];
        if (sourceIndex < 0 || !token.IsWord || !LookupText.IsCased(token.Text) || LookupText.IsCapitals(token.Text) || !StartsSentence(outp, index)
            || result.Count == 0 || StartsSentence(result, result.Count) || !src[sourceIndex].IsWord || LookupText.IsCased(src[sourceIndex].Text)
            || lookup.RewriteToken(src, sourceIndex, Options.InContext) is not [{ IsWord: true } first, ..] || LookupText.IsCased(first.Text))
        {
            result.Add(token);
            return false;
        }

        result.Add(token with { Text = LookupText.Decapitalize(token.Text) });
        return true;
    }

    /// <summary>Whether output token <paramref name="index"/> begins a sentence: the first, or after . ! ? or an opening quotation mark.</summary>
    private static bool StartsSentence(List<LookupToken> outp, int index) =>
        index == 0 || LookupText.StartsSentence(outp[index - 1]) || outp[index - 1].Text is "“" or "‘";

    private static string MatchCase(string word, string like) =>
        char.IsUpper(like[0]) ? LookupText.Capitalize(word) : word;
}
