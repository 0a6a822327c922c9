namespace Ursa.Scheduler.Framework;

/// <summary>
/// What a pod asks of a node, computed once per scheduling attempt — the one place that knows how container
/// and VM pods differ. Containers: the sum of the containers' requests, or the largest init container if
/// larger; a VM: the whole guest (requests, else limits). Both: plus the pod's declared overhead, plus one pod.
/// </summary>
public sealed record PodRequest(Pod Pod, WorkloadType Workload, ResourceVector Resources)
{
    public static PodRequest Of(Pod pod)
    {
        var spec = pod.Spec ?? new PodSpec();
        ResourceVector resources;
        WorkloadType workload;
        if (spec.VirtualMachine is { } vm)
        {
            workload = WorkloadType.VirtualMachine;
            resources = ResourceVector.From(vm.Resources?.Requests is { Count: > 0 } requests ? requests : vm.Resources?.Limits);
        }
        else
        {
            workload = WorkloadType.Container;
            resources = new ResourceVector();
            foreach (var container in spec.Containers ?? [])
            {
                resources.AddList(RequestsOf(container.Resources));
            }

            foreach (var init in spec.InitContainers ?? [])
            {
                resources.MaxWith(ResourceVector.From(RequestsOf(init.Resources)));
            }
        }

        resources.AddList(spec.Overhead);
        resources.PodCount = 1;
        return new PodRequest(pod, workload, resources);
    }

    /// <summary>Kubernetes defaults a missing request to the limit.</summary>
    private static IReadOnlyDictionary<string, string>? RequestsOf(ResourceRequirements? resources)
    {
        if (resources?.Limits is not { Count: > 0 } limits)
        {
            return resources?.Requests;
        }

        var merged = new Dictionary<string, string>(limits, StringComparer.Ordinal);
        foreach (var (name, value) in resources.Requests ?? [])
        {
            merged[name] = value;
        }

        return merged;
    }
}
