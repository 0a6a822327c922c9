using Ursa.ApiMachinery.Quantities;
using Ursa.Cri.V1;
using Container = Ursa.Api.Core.Container;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Pure: a container's requests and limits → CRI Linux resources, as the kubelet computes them: CPU shares from the
/// request (1 CPU = 1024 shares, at least 2), a CFS quota from the limit over a 100 ms period, the memory limit, and
/// an OOM score by QoS class (Guaranteed -997, BestEffort 1000, Burstable scaled by the memory request).
/// </summary>
public static class ContainerResourcesFactory
{
    public const long CpuPeriodMicros = 100_000;
    public const long MinShares = 2;
    public const long MinQuotaMicros = 1_000;

    public static LinuxContainerResources Create(Pod pod, Container container, long nodeMemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        var cpuRequest = Milli(requests, "cpu") ?? Milli(limits, "cpu");
        var cpuLimit = Milli(limits, "cpu");
        var memoryLimit = Units(limits, "memory");
        var memoryRequest = Units(requests, "memory") ?? memoryLimit;
        var resources = new LinuxContainerResources
        {
            CpuShares = cpuRequest is { } r ? Math.Max(MinShares, r * 1024 / 1000) : MinShares,
            CpuPeriod = CpuPeriodMicros,
            CpuQuota = cpuLimit is { } l ? Math.Max(MinQuotaMicros, l * CpuPeriodMicros / 1000) : 0,
            MemoryLimitInBytes = memoryLimit ?? 0,
            OomScoreAdj = OomScoreAdj(QosClass(pod), memoryRequest ?? 0, nodeMemoryBytes),
        };
        return resources;
    }

    /// <summary>Kubernetes' QoS class of a pod: Guaranteed when every container's requests equal its limits for
    /// CPU and memory, BestEffort when none sets any, else Burstable.</summary>
    public static string QosClass(Pod pod)
    {
        var containers = pod.Spec?.Containers ?? [];
        bool any = false, guaranteed = containers.Count > 0;
        foreach (var c in containers)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = Units(c.Resources?.Requests, resource, milli: true) ?? Units(c.Resources?.Limits, resource, milli: true);
                var limit = Units(c.Resources?.Limits, resource, milli: true);
                any |= request is not null || limit is not null;
                guaranteed &= limit is not null && request == limit;
            }
        }

        return guaranteed ? "Guaranteed" : any ? "Burstable" : "BestEffort";
    }

    private static long OomScoreAdj(string qos, long memoryRequest, long nodeMemory) => qos switch
    {
        "Guaranteed" => -997,
        "BestEffort" => 1000,
        _ => nodeMemory <= 0 ? 999 : Math.Clamp(1000 - (1000 * memoryRequest / nodeMemory), 2, 999),
    };

    private static long? Milli(Dictionary<string, string>? values, string name) => Units(values, name, milli: true);

    private static long? Units(Dictionary<string, string>? values, string name, bool milli = false) =>
        values?.TryGetValue(name, out var text) == true && Quantity.TryParse(text, out var q) ? (milli ? q.MilliValue : q.Value) : null;
}
