using Smoothie.Sampling.Solvers;

namespace Smoothie.Sampling.Tests;

/// <summary>The one registry of solver names.</summary>
public sealed class ReverseStepRegistryTests
{
    [Fact]
    public void TheRegistryRoundTripsEveryName()
    {
        Assert.Equal([ReverseSteps.Renoise, ReverseSteps.Ddpm, ReverseSteps.Ddim, ReverseSteps.Sde], ReverseSteps.Names);
        foreach (string name in ReverseSteps.Names)
        {
            Assert.Equal(name, ReverseSteps.Create(name).Name);
            Assert.Equal(name, ReverseSteps.Create($"  {name.ToUpperInvariant()} ").Name);
            Assert.True(ReverseSteps.IsKnown(name));
        }
    }

    [Fact]
    public void AnAliasCreatesTheRegisteredSolver()
    {
        Assert.IsType<RenoiseStep>(ReverseSteps.Create("re-noise"));
        Assert.Equal(ReverseSteps.Renoise, ReverseSteps.Create("Re-Noise").Name);
        Assert.True(ReverseSteps.IsKnown("re-noise"));
        Assert.DoesNotContain("re-noise", ReverseSteps.Names);
    }

    [Fact]
    public void AnUnknownNameIsRejectedWithTheKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => ReverseSteps.Create("euler"));
        Assert.Equal("name", e.ParamName);
        Assert.All(ReverseSteps.Names, n => Assert.Contains(n, e.Message, StringComparison.Ordinal));
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => ReverseSteps.Create(" ")).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => ReverseSteps.Create(null!)).ParamName);
        Assert.False(ReverseSteps.IsKnown("euler"));
        Assert.False(ReverseSteps.IsKnown(null));
    }
}
