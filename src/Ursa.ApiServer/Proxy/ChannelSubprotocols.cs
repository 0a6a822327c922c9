namespace Ursa.ApiServer.Proxy;

/// <summary>
/// The remote-command WebSocket subprotocols relayed (the node serves the same two; see the node agent's
/// ChannelProtocol for the framing). The API server only relays messages, so it needs the names, not the framing.
/// </summary>
public static class ChannelSubprotocols
{
    public const string V5 = "v5.channel.k8s.io";
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>Most preferred first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4];

    /// <summary>The newest protocol the client offered that we relay, or null.</summary>
    public static string? Negotiate(IEnumerable<string> offered)
    {
        var set = offered.SelectMany(o => o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return Supported.FirstOrDefault(set.Contains);
    }

    /// <summary>A final message for the client on the error channel (3): a Failure Status kubectl prints.</summary>
    public static byte[] FailureMessage(string message)
    {
        var status = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "ServiceUnavailable",
            ["code"] = 502,
        };
        return [3, .. System.Text.Encoding.UTF8.GetBytes(status.ToJsonString())];
    }
}
