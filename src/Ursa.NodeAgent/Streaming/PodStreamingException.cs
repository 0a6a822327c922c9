using System.Net;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// A streaming request the backend cannot serve (no such pod or container, container not running...). The
/// server turns it into a Kubernetes Status with this code and reason, so kubectl prints the message.
/// </summary>
public sealed class PodStreamingException(HttpStatusCode code, string reason, string message) : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    /// <summary>Status reason: NotFound, BadRequest, ...</summary>
    public string Reason { get; } = reason;

    /// <summary>No such pod or container on this node.</summary>
    public static PodStreamingException NotFound(string message) => new(HttpStatusCode.NotFound, "NotFound", message);

    /// <summary>The request cannot be served in the container's current state (not running, no previous instance).</summary>
    public static PodStreamingException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);
}
