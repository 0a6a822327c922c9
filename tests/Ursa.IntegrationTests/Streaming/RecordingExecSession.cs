using System.Text;
using System.Threading.Channels;
using Ursa.NodeAgent.Streaming;

namespace Ursa.IntegrationTests.Streaming;

/// <summary>An exec session whose input is fixed and whose output is recorded, for driving <see cref="ChannelWebSocketClient"/>.</summary>
public sealed class RecordingExecSession(string? stdin) : IExecSession
{
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private readonly Channel<TerminalSize> _resizes = Channel.CreateUnbounded<TerminalSize>();

    public Stream? Stdin { get; } = stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));

    public Stream? Stdout => _stdout;

    public Stream? Stderr => _stderr;

    public ChannelReader<TerminalSize> Resizes => _resizes.Reader;

    public string StdoutText => Encoding.UTF8.GetString(_stdout.ToArray());

    public string StderrText => Encoding.UTF8.GetString(_stderr.ToArray());

    public void EndResizes() => _resizes.Writer.TryComplete();
}
