using Ursa.ApiServer.Errors;

namespace Ursa.ApiServer.Proxy;

/// <summary>
/// Which container a logs/exec/attach request means, as Kubernetes decides it: the one named (it must exist,
/// init containers included), else the pod's only container, else the one the
/// <c>kubectl.kubernetes.io/default-container</c> annotation names, else a 400 listing the choices. A VM pod
/// has one "container": its virtual machine (serial console log and console).
/// </summary>
public static class PodContainerDefaulting
{
    /// <summary>The annotation kubectl also honours when it picks a container itself.</summary>
    public const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    /// <summary>The container name used for a VM pod whose virtual machine has no name.</summary>
    public const string VirtualMachineContainer = "vm";

    /// <exception cref="ApiException">400: the container is not in the pod, or the pod has several and none was chosen.</exception>
    public static string Resolve(Pod pod, string? requested)
    {
        var podName = pod.Metadata.Name;
        var containers = Names(pod.Spec?.Containers);
        var init = Names(pod.Spec?.InitContainers);
        if (pod.Spec?.VirtualMachine is { } vm)
        {
            containers = [vm.Name is { Length: > 0 } name ? name : VirtualMachineContainer];
        }

        if (!string.IsNullOrEmpty(requested))
        {
            return containers.Contains(requested) || init.Contains(requested)
                ? requested
                : throw ApiErrors.BadRequest($"container {requested} is not valid for pod {podName}");
        }

        if (containers.Count == 1)
        {
            return containers[0];
        }

        if (pod.Metadata.Annotations?.GetValueOrDefault(DefaultContainerAnnotation) is { Length: > 0 } annotated && containers.Contains(annotated))
        {
            return annotated;
        }

        if (containers.Count == 0)
        {
            throw ApiErrors.BadRequest($"pod {podName} has no containers");
        }

        var message = $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', containers)}]";
        if (init.Count > 0)
        {
            message += $" or one of the init containers: [{string.Join(' ', init)}]";
        }

        throw ApiErrors.BadRequest(message);
    }

    private static List<string> Names(List<Container>? containers) =>
        containers?.Select(c => c.Name).OfType<string>().ToList() ?? [];
}
