using System.Text;

namespace Smoothie.Architecture.Tests;

/// <summary>No source file under <c>src/</c> is over 400 lines and no method, constructor, accessor or local function over 80.</summary>
public sealed class SourceSizeTests
{
    private static readonly IReadOnlyDictionary<string, string> Sources = SourceSizes.ReadSources(RepositoryRoot.Find());

    [Fact]
    public void NoFileUnderSrcIsOver400Lines()
    {
        IReadOnlyList<string> offenders = SourceSizes.LongFiles(Sources);

        Assert.Contains("src/Smoothie.Latent/Spaces/VocabularyOps.cs", Sources.Keys);
        Assert.True(offenders.Count == 0, $"{offenders.Count} file(s) over {SourceSizes.MaxFileLines} lines:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void NoMethodUnderSrcIsOver80Lines()
    {
        IReadOnlyList<string> offenders = SourceSizes.LongMembers(Sources);

        Assert.True(offenders.Count == 0, $"{offenders.Count} member(s) over {SourceSizes.MaxMemberLines} lines:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void An81LineMethodAndA401LineFileAreReportedButNotAn80LineMethodOrA400LineFile()
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["src/Long.cs"] = PaddedTo(401, Class("Long", Method("TooLong", 81), Method("JustRight", 80))),
            ["src/Fits.cs"] = PaddedTo(400, Class("Fits", Method("Short", 3))),
        };

        Assert.Equal(401, SourceSizes.LineCount(sources["src/Long.cs"]));
        Assert.Equal(400, SourceSizes.LineCount(sources["src/Fits.cs"]));
        Assert.Equal(["src/Long.cs (401 lines)"], SourceSizes.LongFiles(sources));
        Assert.Equal(["src/Long.cs:6 TooLong (81 lines)"], SourceSizes.LongMembers(sources));
    }

    [Fact]
    public void BracesInStringsCharsAndCommentsDoNotCount()
    {
        const string Source = """
            namespace N;

            internal sealed class C
            {
                [Obsolete("}")]
                public string M(int x)
                {
                    // } {
                    /* { */
                    char open = '{', quote = '\'';
                    string a = "}\"{", b = @"}""{", c = $"{x} {{ {string.Join("}", new[] { "{" })} }}";
                    return a + b + c + open + quote;
                }

                public int P
                {
                    get
                    {
                        int Local(int y)
                        {
                            return y;
                        }

                        return Local(1);
                    }
                }
            }
            """;

        IReadOnlyList<MeasuredMember> members = MemberScanner.Measure(Source);

        Assert.Equal(
            [new("M", 6, 8), new("Local", 19, 4), new("get", 17, 9), new("P", 15, 12)],
            members);
    }

    /// <summary>A file whose first member is declared on line 6.</summary>
    private static string Class(string name, params string[] members) =>
        $"namespace N;\n\n/// <summary>Synthetic.</summary>\ninternal sealed class {name}\n{{\n" + string.Join("\n", members) + "}\n\n";

    /// <summary>A method of exactly <paramref name="lines"/> lines, declaration line to closing brace.</summary>
    private static string Method(string name, int lines)
    {
        var text = new StringBuilder($"    public void {name}()\n    {{\n");
        for (int i = 0; i < lines - 3; i++)
        {
            text.Append("        _ = 1; // {\n");
        }

        return text.Append("    }\n").ToString();
    }

    /// <summary><paramref name="text"/> followed by comment lines up to <paramref name="lines"/> lines.</summary>
    private static string PaddedTo(int lines, string text) =>
        text + string.Concat(Enumerable.Repeat("// filler\n", lines - SourceSizes.LineCount(text)));
}
