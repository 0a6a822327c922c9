using System.Runtime.InteropServices;

namespace Ursa.Cli;

/// <summary>A token cancelled on Ctrl-C, SIGINT or SIGTERM, so every foreground command stops cleanly.</summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public ShutdownSignal()
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }
}
