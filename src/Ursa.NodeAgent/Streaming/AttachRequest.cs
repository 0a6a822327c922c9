namespace Ursa.NodeAgent.Streaming;

/// <summary>Attach to the main process of a running container (<c>kubectl attach</c>), or a VM's console.</summary>
/// <param name="Target">The container.</param>
/// <param name="Streams">Which standard streams the client attached, and whether it wants a terminal.</param>
public sealed record AttachRequest(ContainerTarget Target, StreamSelection Streams);
