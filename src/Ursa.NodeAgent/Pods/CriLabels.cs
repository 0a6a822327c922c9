namespace Ursa.NodeAgent.Pods;

/// <summary>Labels and annotations the agent puts on CRI sandboxes and containers. They are all the agent needs
/// to find its pods again after a restart (the runtime is the source of truth, as with the kubelet).</summary>
public static class CriLabels
{
    public const string PodName = "io.kubernetes.pod.name";
    public const string PodNamespace = "io.kubernetes.pod.namespace";
    public const string PodUid = "io.kubernetes.pod.uid";
    public const string ContainerName = "io.kubernetes.container.name";
    public const string Tenant = "ursa.io/tenant";

    /// <summary>Marks what this agent created, so it never touches other sandboxes in a shared containerd.</summary>
    public const string ManagedBy = "ursa.io/managed-by";

    /// <summary>Value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "ursa-agent";

    /// <summary>Annotation: the container's terminationGracePeriodSeconds at creation.</summary>
    public const string GracePeriod = "io.kubernetes.pod.terminationGracePeriod";

    /// <summary>Annotation: the container spec's hash, to notice a changed spec.</summary>
    public const string SpecHash = "ursa.io/container-hash";
}
