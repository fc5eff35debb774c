using System.Reflection;
using System.Text.RegularExpressions;
using Smoothie.Embeddings;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Samples.Tests.PackageReadmes;

namespace Smoothie.Samples.Tests;

/// <summary>
/// The example of every package README (src/*/README.md, shown on nuget.org) compiles against the real API: its lines
/// occur verbatim in tests/Smoothie.Samples.Tests/PackageReadmes/&lt;package&gt;.cs (its using directives anywhere in
/// that file, the rest as one block), and the examples that need no trained model run.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed partial class PackageReadmeSnippetsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-readme-test").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string RepositoryRoot => typeof(PackageReadmeSnippetsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static TheoryData<string> ReadmesWithCSharp() => new(
        Directory.GetDirectories(Path.Combine(RepositoryRoot, "src")).Select(d => Path.Combine(d, "README.md"))
            .Where(File.Exists)
            .Where(f => File.ReadAllText(f).Contains("```csharp", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ReadmesWithCSharp))]
    public void EveryCSharpExampleOfAPackageReadmeIsCompiledHere(string package)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot, "src", package, "README.md"));
        string compiledFile = Path.Combine(RepositoryRoot, "tests", "Smoothie.Samples.Tests", "PackageReadmes", package + ".cs");
        Assert.True(File.Exists(compiledFile), $"src/{package}/README.md has a C# example but {compiledFile} does not exist.");
        string[] compiled = SnippetText.Normalize(File.ReadAllText(compiledFile));

        foreach (Match block in SnippetText.CSharpBlock().Matches(readme))
        {
            string[] lines = SnippetText.Normalize(block.Groups[1].Value);
            string[] usings = lines.Where(l => UsingDirective().IsMatch(l)).ToArray();
            string[] body = lines.Where(l => !UsingDirective().IsMatch(l)).ToArray();
            Assert.NotEmpty(body);
            foreach (string directive in usings)
            {
                Assert.True(compiled.Contains(directive), $"src/{package}/README.md: '{directive}' is not in {compiledFile}.");
            }

            Assert.True(SnippetText.ContainsBlock(compiled, body), $"src/{package}/README.md: this example is not, verbatim, in {compiledFile}:\n{block.Groups[1].Value}");
        }
    }

    [Fact]
    public void TheExamplesThatNeedNoTrainedModelRunAndGiveWhatTheySay()
    {
        Assert.Contains("Thou shalt not kill.", SmoothieTextReadme.Example(), StringComparison.Ordinal);

        (double mu, double std) = SmoothieSchedulersReadme.Example();
        Assert.InRange(mu, 0, 1);
        Assert.Equal(1, (mu * mu) + (std * std), 1e-9); // a variance-preserving schedule: mu^2 + std^2 = 1

        (double bleu, double rougeL) = SmoothieEvaluationReadme.Example();
        Assert.InRange(bleu, 1, 99);
        Assert.InRange(rougeL, 0.5, 1);

        Assert.InRange(SmoothieEvaluationBertScoreReadme.Example(), 0.8, 1.0);

        Assert.True(SmoothieDataReadme.Example(root) > 100);
        SmoothieRuntimeReadme.Example();

        string glove = Path.Combine(root, "glove.txt");
        File.WriteAllLines(glove, ["the 0.1 0.2 0.3", "light 0.4 0.5 0.6", "god -0.1 0.2 -0.3"]);
        Assert.Equal((3, 3L), SmoothieEmbeddingsReadme.Example(glove));

        Assert.Equal(1999, SmoothieEmbeddingsMiniLMReadme.Example()); // "in", the first piece after [CLS]
        using EmbeddingMatrix miniLm = EmbeddingMatrix.FromTokenEmbeddings(MiniLmEmbeddings.Load());
        Assert.Equal([1L, 5L, miniLm.VocabularySize], SmoothieLatentReadme.Example(miniLm));
    }

    [GeneratedRegex(@"^using [A-Za-z_][\w.]*;$")]
    private static partial Regex UsingDirective();
}
