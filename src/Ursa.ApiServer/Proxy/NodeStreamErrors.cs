using System.Net;
using Ursa.ApiServer.Errors;

namespace Ursa.ApiServer.Proxy;

/// <summary>
/// Failures reaching a node for logs, exec or attach. No Retry-After: client-go would silently retry such a
/// request for ~10 s before showing anything, while a node that is down stays down for longer than that.
/// </summary>
public static class NodeStreamErrors
{
    /// <summary>503: the Node object has no address to dial.</summary>
    public static ApiException NoAddress(string node) =>
        new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", $"node \"{node}\" has no address in its status: its agent has not reported one");

    /// <summary>502: the node's streaming endpoint could not be reached or refused the API server.</summary>
    public static ApiException Unreachable(NodeStreamTarget target, string what, string why) =>
        new(HttpStatusCode.BadGateway, "ServiceUnavailable", Message(target, what, why));

    /// <summary>The message kubectl prints: names the node, where it was dialled and why it failed.</summary>
    public static string Message(NodeStreamTarget target, string what, string why) =>
        $"cannot reach node \"{target.NodeName}\" at {target.Endpoint.Authority} for {what}: {why}";
}
