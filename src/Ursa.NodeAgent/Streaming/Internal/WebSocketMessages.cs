using System.Buffers;
using System.Net.WebSockets;

namespace Ursa.NodeAgent.Streaming.Internal;

/// <summary>Reads whole WebSocket messages (a message may arrive in several frames).</summary>
internal static class WebSocketMessages
{
    /// <summary>
    /// Reads the next message into <paramref name="into"/> (cleared first); returns its type, or
    /// <see cref="WebSocketMessageType.Close"/> when the peer closed.
    /// </summary>
    public static async ValueTask<WebSocketMessageType> ReadAsync(WebSocket socket, ArrayBufferWriter<byte> into, CancellationToken cancellationToken)
    {
        into.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(into.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return WebSocketMessageType.Close;
            }

            into.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return result.MessageType;
            }
        }
    }
}
