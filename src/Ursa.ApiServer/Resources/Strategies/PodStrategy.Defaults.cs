namespace Ursa.ApiServer.Resources.Strategies;

public sealed partial class PodStrategy
{
    /// <summary>Default CPU overhead declared for a VM pod's hypervisor.</summary>
    public const string VirtualMachineOverheadCpu = "100m";

    /// <summary>Default memory overhead declared for a VM pod's hypervisor.</summary>
    public const string VirtualMachineOverheadMemory = "128Mi";

    /// <summary>Kubernetes' pod defaults, plus VM defaults (powerSpec Running, IfNotPresent pulls).</summary>
    public static void ApplyDefaults(PodSpec spec)
    {
        spec.RestartPolicy ??= "Always";
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.SecurityContext ??= new PodSecurityContext();
        spec.EnableServiceLinks ??= true;
        spec.Priority ??= 0;
        spec.PreemptionPolicy ??= "PreemptLowerPriority";
        if (spec.ServiceAccountName is null && spec.ServiceAccount is { } sa)
        {
            spec.ServiceAccountName = sa;
        }

        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            container.TerminationMessagePath ??= "/dev/termination-log";
            container.TerminationMessagePolicy ??= "File";
            container.ImagePullPolicy ??= DefaultPullPolicy(container.Image);
            foreach (var port in container.Ports ?? [])
            {
                port.Protocol ??= "TCP";
            }
        }

        if (spec.VirtualMachine is { } vm)
        {
            // The VM's hypervisor process needs room beyond the guest (QEMU, device models, page tables): a
            // 256 MiB guest was OOM-killed under a 200 MiB limit here. Declared on the pod so the scheduler and
            // the node agent count the same thing (as Kubernetes does for a RuntimeClass overhead).
            spec.Overhead ??= new Dictionary<string, string>
            {
                ["cpu"] = VirtualMachineOverheadCpu,
                ["memory"] = VirtualMachineOverheadMemory,
            };
            vm.PowerSpec ??= "Running";
            vm.ImagePullPolicy ??= "IfNotPresent";
            vm.ShutdownBehavior ??= "stop";
        }

        // DefaultTolerationSeconds admission: ride out short node outages for 5 minutes before eviction.
        spec.Tolerations ??= [];
        AddDefaultToleration(spec.Tolerations, "node.kubernetes.io/not-ready");
        AddDefaultToleration(spec.Tolerations, "node.kubernetes.io/unreachable");
    }

    /// <summary>Always for <c>:latest</c> or untagged images, else IfNotPresent.</summary>
    public static string DefaultPullPolicy(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Contains('@'))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>Guaranteed when every container has equal requests and limits for cpu and memory; BestEffort with none.</summary>
    public static string QosClassOf(PodSpec spec)
    {
        var resources = (spec.Containers ?? []).Select(c => c.Resources)
            .Append(spec.VirtualMachine?.Resources)
            .Where(r => r is not null)
            .Cast<ResourceRequirements>()
            .ToList();
        if (resources.Count == 0 || resources.All(r => (r.Requests?.Count ?? 0) == 0 && (r.Limits?.Count ?? 0) == 0))
        {
            return "BestEffort";
        }

        var guaranteed = (spec.Containers?.Count ?? 0) + (spec.VirtualMachine is null ? 0 : 1) == resources.Count
            && resources.All(r => IsGuaranteed(r));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static bool IsGuaranteed(ResourceRequirements r)
    {
        foreach (var name in new[] { "cpu", "memory" })
        {
            if (r.Limits is null || !r.Limits.TryGetValue(name, out var limit))
            {
                return false;
            }

            var request = r.Requests is not null && r.Requests.TryGetValue(name, out var req) ? req : limit;
            if (request != limit)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddDefaultToleration(List<Toleration> tolerations, string key)
    {
        if (tolerations.Any(t => t.Effect is null or "NoExecute" && (t.Key == key || (t.Key is null && t.Operator == "Exists"))))
        {
            return;
        }

        tolerations.Add(new Toleration { Key = key, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 });
    }
}
