namespace Smoothie.Architecture.Tests;

/// <summary>Every test of the repository follows the one naming convention (<see cref="TestNames"/>).</summary>
public sealed class TestNamingTests
{
    [Fact]
    public void EveryTestNameIsAPascalCaseSentenceWithoutUnderscores()
    {
        IReadOnlyList<string> offenders = TestNames.Offenders(RepositoryRoot.Find());

        Assert.True(offenders.Count == 0, "test names with underscores or a lower-case start:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheScanFindsFactsAndTheoriesAndFlagsOtherConventions()
    {
        const string source = """
            [Fact]
            public void Snake_case_name() { }

            [Theory]
            [InlineData(1)]
            public async Task Method_Condition_Expectation(int x) { }

            [Fact(Skip = "slow")]
            public void PascalCaseSentence() { }

            public void NotATest_WithUnderscores() { }
            """;

        string[] declared = TestNames.Declared(source).ToArray();

        Assert.Equal(["Snake_case_name", "Method_Condition_Expectation", "PascalCaseSentence"], declared);
        Assert.Equal(["PascalCaseSentence"], declared.Where(TestNames.FollowsConvention));
    }
}
