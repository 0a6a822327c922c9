using Ursa.ApiMachinery.Quantities;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Pure: the limits of a pod's own cgroup (the kubelet's pod-level cgroup): CPU shares from the sum of the
/// containers' CPU requests, a CFS quota and a memory limit from the sums of their limits - only when every container
/// sets that limit (otherwise the pod is unbounded there) - plus the pod's declared <c>spec.overhead</c> (a VM pod's
/// hypervisor). A VM pod's guest counts through <c>virtualMachine.resources</c>, so containers and VMs are accounted one way.
/// </summary>
/// <param name="CpuShares">cpu.shares (cgroup v1) for the pod.</param>
/// <param name="CpuQuotaMicros">cpu.cfs_quota_us over <see cref="ContainerResourcesFactory.CpuPeriodMicros"/>, or -1 for none.</param>
/// <param name="MemoryLimitBytes">memory.limit_in_bytes, or null for none.</param>
public sealed record PodCgroupLimits(long CpuShares, long CpuQuotaMicros, long? MemoryLimitBytes)
{
    public static PodCgroupLimits For(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var needs = (pod.Spec?.VirtualMachine?.Resources is { } vm ? [vm] : (pod.Spec?.Containers ?? []).Select(c => c.Resources ?? new ResourceRequirements())).ToList();
        var overhead = pod.Spec?.Overhead;
        long requestMilli = Milli(overhead, "cpu") ?? 0;
        long? limitMilli = Milli(overhead, "cpu") ?? 0;
        long? memory = Bytes(overhead, "memory") ?? 0;
        foreach (var r in needs)
        {
            requestMilli += Milli(r.Requests, "cpu") ?? Milli(r.Limits, "cpu") ?? 0;
            limitMilli = Milli(r.Limits, "cpu") is { } l && limitMilli is { } sum ? sum + l : null;
            memory = Bytes(r.Limits, "memory") is { } m && memory is { } total ? total + m : null;
        }

        if (needs.Count == 0)
        {
            limitMilli = null;
            memory = null;
        }

        return new PodCgroupLimits(
            Math.Max(ContainerResourcesFactory.MinShares, requestMilli * 1024 / 1000),
            limitMilli is { } quota ? Math.Max(ContainerResourcesFactory.MinQuotaMicros, quota * ContainerResourcesFactory.CpuPeriodMicros / 1000) : -1,
            memory);
    }

    private static long? Milli(Dictionary<string, string>? values, string name) =>
        values?.TryGetValue(name, out var text) == true && Quantity.TryParse(text, out var q) ? q.MilliValue : null;

    private static long? Bytes(Dictionary<string, string>? values, string name) =>
        values?.TryGetValue(name, out var text) == true && Quantity.TryParse(text, out var q) ? q.Value : null;
}
