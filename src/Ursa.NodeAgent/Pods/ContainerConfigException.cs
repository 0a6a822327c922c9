namespace Ursa.NodeAgent.Pods;

/// <summary>A container's spec cannot be turned into a runtime config on this node; reported as the container's
/// waiting reason <c>CreateContainerConfigError</c> with this message.</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
