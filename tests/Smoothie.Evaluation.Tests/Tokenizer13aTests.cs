using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class Tokenizer13aTests
{
    // Each expectation is worked by hand through sacreBLEU's four regexes (tokenizer_re.py).
    [Theory]
    [InlineData("Hello, world!", "Hello , world !")]        // ',' after a letter, '!' is a symbol
    [InlineData("3.5", "3.5")]                              // period between digits stays
    [InlineData("It costs $3.50.", "It costs $ 3.50 .")]    // '$' is a symbol; final '.' after a digit but before the end space
    [InlineData("U.S.", "U . S .")]                         // every period after a letter splits
    [InlineData("the end.", "the end .")]
    [InlineData("3,000 people", "3,000 people")]            // comma between digits stays
    [InlineData("pages 10-20", "pages 10 - 20")]            // dash after a digit splits
    [InlineData("well-known", "well-known")]                // dash between letters stays
    [InlineData("It's", "It's")]                            // apostrophe is not split
    [InlineData("&quot;Hi&quot; &amp; bye", "\" Hi \" & bye")] // entities unescaped, then '"' and '&' split
    [InlineData("a(b)c[d]{e}", "a ( b ) c [ d ] { e }")]
    [InlineData("x:y;z?w", "x : y ; z ? w")]
    [InlineData("line-\nbreak and\nnewline", "linebreak and newline")]
    [InlineData("  spaced   out  ", "spaced out")]
    [InlineData("“curly” quotes", "“curly” quotes")]        // non-ASCII punctuation is not in the 13a classes
    [InlineData("", "")]
    public void TokenizesLikeMteval13a(string input, string expected)
    {
        Assert.Equal(expected, Tokenizer13a.Tokenize(input));
    }
}
