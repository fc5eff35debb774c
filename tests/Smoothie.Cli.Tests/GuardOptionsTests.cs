using System.CommandLine;
using Smoothie.Text.Realization;

namespace Smoothie.Cli.Tests;

public sealed class GuardOptionsTests
{
    private static LookupGuardOptions? Parse(params string[] args)
    {
        var command = new Command("generate");
        var guard = new GuardOptions();
        guard.AddTo(command);
        return guard.Parse(command.Parse(args));
    }

    [Fact]
    public void TheTruncationRepairIsOnByDefaultAndCanBeTurnedOff()
    {
        Assert.True(Parse()!.RepairTruncated);
        Assert.False(Parse("--guard-repair-truncated", "false")!.RepairTruncated);
        Assert.True(Parse("--guard", "invented")!.RepairTruncated);
    }

    [Fact]
    public void GuardOffHasNoOptions()
    {
        Assert.Null(Parse("--guard", "off"));
    }

    [Fact]
    public void AnUnknownModeNamesTheOption()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Parse("--guard", "sometimes"));
        Assert.Contains("--guard must be on, off, invented or restore; got 'sometimes'", error.Message);
    }
}
