namespace Ursa.NodeAgent.Pods;

/// <summary>Where a pod's files live on the node: <c>ROOT/pods/TENANT_NAMESPACE_NAME_UID/</c> with
/// <c>logs/CONTAINER/ATTEMPT.log</c> (CRI log format) and <c>volumes/NAME/</c> for emptyDir volumes.</summary>
public static class PodPaths
{
    public static string PodDirectory(string root, Pod pod) =>
        Path.Combine(root, "pods", $"{pod.Metadata.Tenant}_{pod.Metadata.Namespace}_{pod.Metadata.Name}_{pod.Metadata.Uid}");

    public static string LogDirectory(string root, Pod pod) => Path.Combine(PodDirectory(root, pod), "logs");

    /// <summary>Relative to <see cref="LogDirectory"/>, as CRI wants it.</summary>
    public static string RelativeLogPath(string container, uint attempt) => $"{container}/{attempt}.log";

    public static string VolumeDirectory(string root, Pod pod, string volume) => Path.Combine(PodDirectory(root, pod), "volumes", volume);
}
