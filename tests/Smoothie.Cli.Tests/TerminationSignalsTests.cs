using System.Runtime.InteropServices;

namespace Smoothie.Cli.Tests;

/// <summary>How SIGINT and SIGTERM stop a command and what it exits with (<see cref="TerminationSignals"/>).</summary>
public sealed class TerminationSignalsTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT, 0, 130)]
    [InlineData(PosixSignal.SIGTERM, 0, 143)]
    [InlineData(PosixSignal.SIGINT, 1, 130)]
    [InlineData(PosixSignal.SIGTERM, 2, 143)]
    public void AnInterruptedCommandExitsWith128PlusTheSignalNumber(PosixSignal signal, int commandExitCode, int expected) =>
        Assert.Equal(expected, TerminationSignals.ExitCodeFor(signal, commandExitCode));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void WithoutASignalTheCommandsExitCodeIsKept(int commandExitCode) =>
        Assert.Equal(commandExitCode, TerminationSignals.ExitCodeFor(null, commandExitCode));

    [Fact]
    public void TheFirstSignalCancelsTheCommandAndIsConsumedASecondTakesItsDefaultCourse()
    {
        var notices = new StringWriter();
        using var signals = new TerminationSignals(notices);
        Assert.False(signals.Token.IsCancellationRequested);
        Assert.Equal(0, signals.ExitCode(0));

        var first = new PosixSignalContext(PosixSignal.SIGTERM);
        signals.OnSignal(first);
        Assert.True(first.Cancel, "the first signal must not end the process: the command stops by itself");
        Assert.True(signals.Token.IsCancellationRequested);
        Assert.Equal(PosixSignal.SIGTERM, signals.Received);
        Assert.Equal(143, signals.ExitCode(0));
        Assert.Contains("SIGTERM received: stopping cleanly", notices.ToString());

        var second = new PosixSignalContext(PosixSignal.SIGINT);
        signals.OnSignal(second);
        Assert.False(second.Cancel, "a second signal stops the process at once");
        Assert.Equal(PosixSignal.SIGTERM, signals.Received);
    }
}
