namespace Ursa.NodeAgent.Runtimes;

/// <summary>What the last probe of one runtime found.</summary>
/// <param name="Spec">The runtime.</param>
/// <param name="Ready">Its CRI status says RuntimeReady and NetworkReady.</param>
/// <param name="Version">Runtime name and version (<c>containerd://1.6.20</c>), once known.</param>
/// <param name="Reason">Why it is not ready (CamelCase), or null.</param>
/// <param name="Message">Human-readable detail, or null.</param>
public sealed record RuntimeHealth(RuntimeEndpointSpec Spec, bool Ready, string? Version, string? Reason, string? Message);
