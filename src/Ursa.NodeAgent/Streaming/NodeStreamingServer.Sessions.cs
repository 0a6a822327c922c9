using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Ursa.NodeAgent.Streaming.Internal;

namespace Ursa.NodeAgent.Streaming;

public sealed partial class NodeStreamingServer
{
    /// <summary>
    /// /exec/... and /attach/...: validates the request (errors before the upgrade are HTTP Status responses),
    /// upgrades to a channel-protocol WebSocket, runs the backend and ends with its Status on channel 3.
    /// </summary>
    private async Task ServeSessionAsync(HttpContext context, string kind, ContainerTarget target)
    {
        var query = context.Request.Query;
        var streams = NodeStreamRoute.ParseStreams(query);
        var command = kind == NodeStreamRoute.Exec ? NodeStreamRoute.ParseCommand(query) : [];
        if (kind == NodeStreamRoute.Exec && command.Count == 0)
        {
            throw PodStreamingException.BadRequest("you must specify at least one command for the container");
        }

        if (!streams.Stdin && !streams.Stdout && !streams.Stderr)
        {
            throw PodStreamingException.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        }

        var protocol = context.WebSockets.IsWebSocketRequest ? ChannelProtocol.Negotiate(context.WebSockets.WebSocketRequestedProtocols) : null;
        if (protocol is null)
        {
            throw PodStreamingException.BadRequest($"{kind} needs a WebSocket upgrade with subprotocol {string.Join(" or ", ChannelProtocol.Supported)}");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var session = new WebSocketExecSession(socket, protocol, streams, aborted.Token);
        Log.SessionStarted(_logger, kind, target.ToString(), protocol);
        var receive = ReceiveThenCancelAsync(session, aborted);

        byte[] status;
        try
        {
            await session.SendReadyAsync(aborted.Token).ConfigureAwait(false);
            if (kind == NodeStreamRoute.Exec)
            {
                var exitCode = await _backend.ExecAsync(new ExecRequest(target, command, streams), session, aborted.Token).ConfigureAwait(false);
                status = ChannelStatus.ForExitCode(exitCode);
                Log.SessionEnded(_logger, kind, target.ToString(), exitCode);
            }
            else
            {
                await _backend.AttachAsync(new AttachRequest(target, streams), session, aborted.Token).ConfigureAwait(false);
                status = ChannelStatus.Success();
            }
        }
        catch (PodStreamingException e)
        {
            status = ChannelStatus.Failure(e.Message, e.Reason, (int)e.Code);
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or WebSocketException or IOException)
        {
            // The client went away: nobody to tell.
            await receive.ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(_logger, context.Request.Path.Value ?? "/", e);
            status = ChannelStatus.Failure($"{kind} failed: {e.Message}", "InternalError", (int)HttpStatusCode.InternalServerError);
        }

        try
        {
            await session.FinishAsync(status, aborted.Token).ConfigureAwait(false);
            await receive.WaitAsync(_options.CloseTimeout, aborted.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or IOException)
        {
            // The client left without acknowledging the close; the connection is dropped below.
        }

        await aborted.CancelAsync().ConfigureAwait(false);
        await receive.ConfigureAwait(false);
    }

    private static async Task ReceiveThenCancelAsync(WebSocketExecSession session, CancellationTokenSource aborted)
    {
        await session.ReceiveAsync(aborted.Token).ConfigureAwait(false);

        // Once the client is gone (closed or dropped) the backend has nobody to serve.
        await aborted.CancelAsync().ConfigureAwait(false);
    }
}
