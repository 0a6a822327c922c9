using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Ursa.Qmp.Internal;

namespace Ursa.Qmp;

public sealed partial class QmpClient
{
    private async Task ReadLoopAsync()
    {
        Exception reason;
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(_stopping.Token);
                if (line is null)
                {
                    reason = new QmpConnectionException($"QEMU closed the QMP connection {_path}");
                    break;
                }

                if (line.Length > 0)
                {
                    Dispatch(line);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            reason = new QmpConnectionException($"reading QMP socket {_path} failed: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // A line that is not QMP (not JSON, or fields of the wrong type) means the stream is out of step: no
            // later reply could be trusted, and a reader loop that died quietly would leave every caller hanging.
            reason = new QmpConnectionException($"QEMU sent a message on {_path} the client cannot read: {ex.Message}", ex);
        }

        Abort(reason, lost: true);
    }

    private void Dispatch(string line)
    {
        var message = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not a JSON object: " + QmpWire.Truncate(line));
        if (message["event"] is JsonValue name && name.TryGetValue<string>(out var eventName))
        {
            var qmpEvent = QmpWire.Event(message, eventName);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                LogEvent(_logger, eventName, qmpEvent.Data.ToJsonString());
            }

            _events.Publish(qmpEvent);
            return;
        }

        PendingCommand? pending = null;
        if (message["id"] is JsonValue idValue && idValue.TryGetValue<long>(out var id))
        {
            lock (_pendingLock)
            {
                _pending.Remove(id, out pending);
            }
        }

        if (pending is null)
        {
            // A reply to a call that was cancelled (its caller stopped waiting), or a message we do not know.
            LogUnmatched(_logger, _path, QmpWire.Truncate(line));
            return;
        }

        pending.Answer(message);
    }

    /// <summary>Ends the connection once: fails pending calls, ends event subscriptions, completes <see cref="Closed"/>.</summary>
    private void Abort(Exception reason, bool lost)
    {
        PendingCommand[] pending;
        lock (_pendingLock)
        {
            if (_closeReason is not null)
            {
                return;
            }

            _closeReason = reason;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        if (lost)
        {
            LogConnectionLost(_logger, _path, reason.Message);
        }

        foreach (var command in pending)
        {
            command.Fail(ConnectionEnded(command.Command, reason));
        }

        _events.Complete(reason);
        _stopping.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }

        _closed.TrySetResult();
    }
}
