namespace Ursa.NodeAgent.Runtimes;

/// <summary>One entry of <c>--runtimes</c>: a runtime service the agent reaches over CRI.</summary>
/// <param name="Name">Unique name, shown in node status and events.</param>
/// <param name="WorkloadType">What it runs.</param>
/// <param name="Endpoint">Where its CRI service listens, e.g. <c>unix:///run/containerd/containerd.sock</c>.</param>
/// <param name="IsPrimary">Node readiness follows this runtime.</param>
public sealed record RuntimeEndpointSpec(string Name, WorkloadType WorkloadType, string Endpoint, bool IsPrimary);
