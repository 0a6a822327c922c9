using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Ursa.ApiServer.Errors;

namespace Ursa.ApiServer.Proxy;

public sealed partial class NodeStreamProxy
{
    private static readonly string[] SessionParameters = ["command", "stdin", "stdout", "stderr", "tty"];

    /// <summary>
    /// exec/attach: accepts the client's WebSocket with the newest subprotocol both speak, opens one to the node
    /// with that same subprotocol, and relays messages both ways until either side closes. A node that cannot be
    /// reached is reported on the error channel, after the upgrade: kubectl would otherwise retry over SPDY and
    /// show that failure instead of this one.
    /// </summary>
    public async Task ProxyChannelAsync(HttpContext context, NodeStreamTarget target, string kind, CancellationToken cancellationToken)
    {
        var protocol = context.WebSockets.IsWebSocketRequest ? ChannelSubprotocols.Negotiate(context.WebSockets.WebSocketRequestedProtocols) : null;
        if (protocol is null)
        {
            throw ApiErrors.BadRequest($"{kind} is served over WebSocket ({string.Join(" or ", ChannelSubprotocols.Supported)}; kubectl 1.30 or later), not SPDY");
        }

        var query = QueryString.Create(SessionParameters
            .Where(p => context.Request.Query.ContainsKey(p))
            .SelectMany(p => context.Request.Query[p].Select(v => new KeyValuePair<string, string?>(p, v))));
        var url = target.Url(kind, query.Value ?? string.Empty, webSocket: true);

        using var client = await context.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        using var node = new ClientWebSocket();
        node.Options.AddSubProtocol(protocol);
        node.Options.CollectHttpResponseDetails = true;
        Log.Relaying(_logger, kind, target.Pod, target.NodeName, target.Endpoint.Authority);
        using var invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(ResponseTimeout);
            try
            {
                await node.ConnectAsync(url, invoker, connect.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var why = node.HttpStatusCode != 0
                    ? $"the node answered HTTP {(int)node.HttpStatusCode}"
                    : e is OperationCanceledException ? $"no answer within {ResponseTimeout.TotalSeconds:0} s" : Innermost(e).Message;
                Log.Unreachable(_logger, target.NodeName, target.Endpoint.Authority, kind, why);
                await client.SendAsync(ChannelSubprotocols.FailureMessage(NodeStreamErrors.Message(target, kind, why)), WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
                await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                await WebSocketRelay.DrainAsync(client, CloseTimeout, _time, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await WebSocketRelay.RunAsync(client, node, CloseTimeout, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long one side's close waits for the other side's before the connections are dropped.</summary>
    public static TimeSpan CloseTimeout { get; } = TimeSpan.FromSeconds(5);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
