using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Text;
using Ursa.NodeAgent.Streaming.Internal;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// The client side of the channel protocol, for the streaming URL a CRI runtime returns from Exec or Attach
/// (containerd: <c>http://127.0.0.1:PORT/exec/TOKEN</c>, valid for one connection). It bridges the runtime's
/// session to an <see cref="IExecSession"/> and returns the exit code from the runtime's final Status.
/// </summary>
/// <remarks>
/// The connection is opened by the caller's function, not by address: containerd runs in Ursa's own network
/// namespace, so its loopback is not the agent's, and the agent opens the socket inside that namespace.
/// containerd 1.6 speaks v4, which cannot signal the end of stdin: over v4 a command that reads stdin to its end
/// (<c>cat</c>) does not see EOF. v5 is offered first for runtimes that have it.
/// </remarks>
/// <param name="connect">Opens a connected byte stream to the runtime's streaming server.</param>
public sealed class ChannelWebSocketClient(Func<CancellationToken, ValueTask<Stream>> connect)
{
    /// <summary>The subprotocols offered, most preferred first.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = ChannelProtocol.Supported;

    /// <summary>TLS settings for an https URL (client certificate, trust); containerd's URLs are plain http.</summary>
    public SslClientAuthenticationOptions? Tls { get; init; }

    /// <summary>Extra request headers for the upgrade (an API server's <c>Authorization</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs the session at <paramref name="url"/> until the runtime ends it; returns the exit code (0 for attach).</summary>
    /// <exception cref="PodStreamingException">The runtime refused the connection or reported a failure.</exception>
    public async Task<int> RunAsync(Uri url, IExecSession session, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { ConnectCallback = (_, ct) => connect(ct), UseProxy = false };
        if (Tls is not null)
        {
            handler.SslOptions = Tls;
        }

        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();
        foreach (var protocol in Protocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        foreach (var (header, value) in Headers)
        {
            socket.Options.SetRequestHeader(header, value);
        }

        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(ToWebSocketUri(url), invoker, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            var answer = socket.HttpStatusCode == 0 ? e.Message : $"HTTP {(int)socket.HttpStatusCode}";
            throw new PodStreamingException(HttpStatusCode.BadGateway, "InternalError", $"the runtime's streaming server refused the session: {answer}");
        }

        using var sender = new ChannelSender(socket);
        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var input = Task.WhenAll(
            PumpStdinAsync(session.Stdin, sender, socket.SubProtocol ?? ChannelProtocol.V4, pumps.Token),
            PumpResizesAsync(session, sender, pumps.Token));
        byte[] status;
        try
        {
            status = await ReceiveAsync(socket, session, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The runtime has ended the session: nothing more to send.
            await pumps.CancelAsync().ConfigureAwait(false);
            await IgnoreEndAsync(input).ConfigureAwait(false);
        }

        await IgnoreEndAsync(sender.CloseOutputAsync(cancellationToken).AsTask()).ConfigureAwait(false);
        var (exitCode, message) = ChannelStatus.Parse(status);
        return exitCode ?? throw new PodStreamingException(HttpStatusCode.InternalServerError, "InternalError", message ?? "the runtime reported a failure");
    }

    internal static Uri ToWebSocketUri(Uri url) => url.Scheme switch
    {
        "http" => new UriBuilder(url) { Scheme = "ws" }.Uri,
        "https" => new UriBuilder(url) { Scheme = "wss" }.Uri,
        _ => url,
    };

    /// <summary>Copies output to the session until the runtime closes; returns what it sent on the error channel.</summary>
    private static async Task<byte[]> ReceiveAsync(WebSocket socket, IExecSession session, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var status = new ArrayBufferWriter<byte>();
        try
        {
            while (await WebSocketMessages.ReadAsync(socket, buffer, cancellationToken).ConfigureAwait(false) != WebSocketMessageType.Close)
            {
                if (buffer.WrittenCount < 2)
                {
                    continue;
                }

                var payload = buffer.WrittenMemory[1..];
                var target = buffer.WrittenSpan[0] switch
                {
                    ChannelProtocol.Stdout => session.Stdout,
                    ChannelProtocol.Stderr => session.Stderr ?? session.Stdout,
                    _ => null,
                };
                if (target is not null)
                {
                    await target.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
                }
                else if (buffer.WrittenSpan[0] == ChannelProtocol.Error)
                {
                    status.Write(payload.Span);
                }
            }
        }
        catch (WebSocketException) when (status.WrittenCount > 0)
        {
            // Closed without the closing handshake after sending its status: the session is over all the same.
        }

        return status.WrittenSpan.ToArray();
    }

    private static async Task PumpStdinAsync(Stream? stdin, ChannelSender sender, string protocol, CancellationToken cancellationToken)
    {
        if (stdin is null)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stdin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await sender.SendAsync(ChannelProtocol.Stdin, buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            if (ChannelProtocol.SupportsClose(protocol))
            {
                await sender.SendAsync(ChannelProtocol.Close, new[] { ChannelProtocol.Stdin }, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task PumpResizesAsync(IExecSession session, ChannelSender sender, CancellationToken cancellationToken)
    {
        await foreach (var size in session.Resizes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var json = Encoding.ASCII.GetBytes($$"""{"Width":{{size.Width}},"Height":{{size.Height}}}""");
            await sender.SendAsync(ChannelProtocol.Resize, json, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task IgnoreEndAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The session is over; a pump cut short or a close the peer no longer waits for changes nothing.
        }
    }
}
