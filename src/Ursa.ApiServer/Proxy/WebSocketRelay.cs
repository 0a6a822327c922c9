using System.Buffers;
using System.Net.WebSockets;

namespace Ursa.ApiServer.Proxy;

/// <summary>
/// Relays WebSocket messages between two sockets unchanged (frame by frame, types and close status kept). The
/// session ends when one side closes: its close is passed on, the other side's answer is awaited (bounded),
/// then both are dropped.
/// </summary>
internal static class WebSocketRelay
{
    public static async Task RunAsync(WebSocket client, WebSocket node, TimeSpan closeTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = CopyAsync(client, node, stop.Token);
        var down = CopyAsync(node, client, stop.Token);
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        if (first.IsCompletedSuccessfully)
        {
            // One side closed cleanly and the close was passed on: give the other side time to answer it.
            var other = first == up ? down : up;
            await Task.WhenAny(other, Task.Delay(closeTimeout, time, stop.Token)).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Quietly(up).ConfigureAwait(false);
        await Quietly(down).ConfigureAwait(false);
    }

    /// <summary>After our own close: reads (and drops) until the client's close arrives or the time is up.</summary>
    public static async Task DrainAsync(WebSocket socket, TimeSpan closeTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(closeTimeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var buffer = new byte[4096];
        try
        {
            while ((await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    private static async Task CopyAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            while (true)
            {
                var result = await from.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The peer vanished or the relay was stopped: the session is over either way.
        }
    }
}
