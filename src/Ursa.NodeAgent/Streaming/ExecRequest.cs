namespace Ursa.NodeAgent.Streaming;

/// <summary>A command to run in a running container (<c>kubectl exec</c>).</summary>
/// <param name="Target">The container.</param>
/// <param name="Command">The command and its arguments; never empty.</param>
/// <param name="Streams">Which standard streams the client attached, and whether it wants a terminal.</param>
public sealed record ExecRequest(ContainerTarget Target, IReadOnlyList<string> Command, StreamSelection Streams);
