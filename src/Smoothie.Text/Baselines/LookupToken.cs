namespace Smoothie.Text.Baselines;

/// <summary>A word or punctuation mark of <see cref="WordLookupBaseline"/>, with whether white space preceded it.</summary>
/// <param name="Text">The token as written (a curly apostrophe inside a word is kept as written).</param>
/// <param name="SpaceBefore">Whether white space preceded the token in its text.</param>
/// <param name="IsWord">Whether the token is a word (letters, digits, marks, inner apostrophes) rather than punctuation.</param>
internal readonly record struct LookupToken(string Text, bool SpaceBefore, bool IsWord);
