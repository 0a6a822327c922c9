using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Ursa.NodeAgent.Streaming.Internal;

/// <summary>
/// The server's side of one exec/attach WebSocket: demultiplexes what the client sends (stdin, resizes, v5
/// close) and gives the backend write streams for stdout and stderr.
/// </summary>
internal sealed class WebSocketExecSession : IExecSession, IDisposable
{
    private readonly ChannelSender _sender;
    private readonly string _protocol;
    private readonly Pipe? _stdin;
    private bool _stdinClosed;
    private readonly Channel<TerminalSize> _resizes = Channel.CreateUnbounded<TerminalSize>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public WebSocketExecSession(WebSocket socket, string protocol, StreamSelection streams, CancellationToken aborted)
    {
        _sender = new ChannelSender(socket);
        _protocol = protocol;
        Selection = streams;
        if (streams.Stdin)
        {
            _stdin = new Pipe();
            Stdin = _stdin.Reader.AsStream();
        }

        Stdout = streams.Stdout ? new ChannelWriteStream(_sender, ChannelProtocol.Stdout, aborted) : null;
        Stderr = streams.Stderr && !streams.Tty ? new ChannelWriteStream(_sender, ChannelProtocol.Stderr, aborted) : null;
    }

    public StreamSelection Selection { get; }

    public Stream? Stdin { get; }

    public Stream? Stdout { get; }

    public Stream? Stderr { get; }

    public ChannelReader<TerminalSize> Resizes => _resizes.Reader;

    /// <summary>
    /// The kubelet's habit, which clients may wait for: an empty message on the lowest output channel once the
    /// streams are set up.
    /// </summary>
    public ValueTask SendReadyAsync(CancellationToken cancellationToken) =>
        _sender.SendAsync(Selection.Stdout ? ChannelProtocol.Stdout : Selection.Stderr ? ChannelProtocol.Stderr : ChannelProtocol.Error, ReadOnlyMemory<byte>.Empty, cancellationToken);

    /// <summary>Sends the final status on the error channel and closes our side.</summary>
    public async ValueTask FinishAsync(byte[] status, CancellationToken cancellationToken)
    {
        await _sender.SendAsync(ChannelProtocol.Error, status, cancellationToken).ConfigureAwait(false);
        await _sender.CloseOutputAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads client messages until the client closes or the connection fails; then ends stdin and resizes.
    /// Returns normally in both cases: a vanished client is the ordinary way a session ends.
    /// </summary>
    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await WebSocketMessages.ReadAsync(_sender.Socket, buffer, cancellationToken).ConfigureAwait(false) != WebSocketMessageType.Close)
            {
                if (buffer.WrittenCount > 0)
                {
                    await DispatchAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The connection went away.
        }
        finally
        {
            _stdin?.Writer.Complete();
            _resizes.Writer.TryComplete();
        }
    }

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var payload = message[1..];
        switch (message.Span[0])
        {
            case ChannelProtocol.Stdin when _stdin is not null && !_stdinClosed:
                await _stdin.Writer.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
                break;
            case ChannelProtocol.Resize when TryParseSize(payload.Span, out var size):
                _resizes.Writer.TryWrite(size);
                break;
            case ChannelProtocol.Close when ChannelProtocol.SupportsClose(_protocol) && payload.Length == 1 && payload.Span[0] == ChannelProtocol.Stdin:
                _stdinClosed = true;
                _stdin?.Writer.Complete();
                break;
            default:
                // Input on a channel the client did not open (or garbage resize) is dropped, as the kubelet does.
                break;
        }
    }

    /// <summary>Parses <c>{"Width":80,"Height":24}</c>; anything else is not a resize.</summary>
    internal static bool TryParseSize(ReadOnlySpan<byte> json, out TerminalSize size)
    {
        size = default;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("Width", out var width) && width.TryGetUInt16(out var w)
                && root.TryGetProperty("Height", out var height) && height.TryGetUInt16(out var h))
            {
                size = new TerminalSize(w, h);
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    public void Dispose()
    {
        _stdin?.Reader.Complete();
        _sender.Dispose();
    }
}
