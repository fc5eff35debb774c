using System.Runtime.InteropServices;

namespace Smoothie.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM while a command runs. The first one cancels the command's token, so that the command
/// stops cleanly — <c>train</c> finishes its step, writes its checkpoint and says how to resume — and makes the exit code
/// 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as a shell reports a process the signal stopped, so that
/// scripts can tell an interrupted run from a finished one. A second signal is left to its default handling: the
/// process stops at once.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>Exit code of a command interrupted by SIGINT (128 + 2).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Exit code of a command stopped by SIGTERM (128 + 15).</summary>
    public const int TerminatedExitCode = 143;

    private readonly CancellationTokenSource cancellation = new();
    private readonly TextWriter notices;
    private readonly List<PosixSignalRegistration> registrations = [];
    private int received;

    /// <summary>Creates the handler without listening to the process's signals (see <see cref="Listen"/>).</summary>
    /// <param name="notices">Where the one-line notice of a received signal is written (standard error).</param>
    public TerminationSignals(TextWriter notices) => this.notices = notices;

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => cancellation.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received => Volatile.Read(ref received) is var value and not 0 ? (PosixSignal)value : null;

    /// <summary>Listens to SIGINT and SIGTERM of this process (where the platform can) until disposed.</summary>
    /// <param name="notices">Where the notice of a received signal is written.</param>
    public static TerminationSignals Listen(TextWriter notices)
    {
        var signals = new TerminationSignals(notices);
        if (!OperatingSystem.IsBrowser() && !OperatingSystem.IsIOS() && !OperatingSystem.IsTvOS() && !OperatingSystem.IsAndroid())
        {
            signals.registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, signals.OnSignal));
            signals.registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, signals.OnSignal));
        }

        return signals;
    }

    /// <summary>The exit code of a command that returned <paramref name="commandExitCode"/> after <paramref name="signal"/> (or none) arrived.</summary>
    /// <param name="signal">The first signal received, or null.</param>
    /// <param name="commandExitCode">What the command returned.</param>
    public static int ExitCodeFor(PosixSignal? signal, int commandExitCode) => signal switch
    {
        PosixSignal.SIGINT => InterruptedExitCode,
        PosixSignal.SIGTERM => TerminatedExitCode,
        _ => commandExitCode,
    };

    /// <summary>The exit code of a command that returned <paramref name="commandExitCode"/> (see <see cref="ExitCodeFor"/>).</summary>
    /// <param name="commandExitCode">What the command returned.</param>
    public int ExitCode(int commandExitCode) => ExitCodeFor(Received, commandExitCode);

    /// <summary>Handles one signal: the first cancels the token and is consumed, later ones take their default course.</summary>
    /// <param name="context">The signal; its <see cref="PosixSignalContext.Cancel"/> is set for the first one.</param>
    public void OnSignal(PosixSignalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) != 0)
        {
            return;
        }

        context.Cancel = true;
        string name = context.Signal == PosixSignal.SIGINT ? "SIGINT" : context.Signal.ToString();
        notices.WriteLine($"{name} received: stopping cleanly (a training run writes its checkpoint first); send it again to stop at once.");
        cancellation.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in registrations)
        {
            registration.Dispose();
        }

        registrations.Clear();
        cancellation.Dispose();
    }
}
