using System.Buffers;
using System.Net.WebSockets;

namespace Ursa.NodeAgent.Streaming.Internal;

/// <summary>
/// Sends channel messages on a WebSocket. A WebSocket allows one send at a time, and stdout, stderr and the
/// final status are written by different tasks, so sends are serialized here.
/// </summary>
internal sealed class ChannelSender(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public WebSocket Socket => socket;

    public async ValueTask SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = ArrayPool<byte>.Shared.Rent(payload.Length + 1);
        try
        {
            message[0] = channel;
            payload.CopyTo(message.AsMemory(1));
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(message.AsMemory(0, payload.Length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>Closes our side (after the last message); the peer answers with its own close.</summary>
    public async ValueTask CloseOutputAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
