using Ursa.Cri.V1;

namespace Ursa.NodeAgent.Pods;

/// <summary>
/// Pure: a pod → the CRI <see cref="PodSandboxConfig"/> for it. The sandbox's cgroup is
/// <c>/CGROUPROOT/pod&lt;uid&gt;</c> (cgroupfs layout, like the kubelet's), so every container of the pod - and the
/// QEMU of a VM pod - is accounted under one pod cgroup.
/// </summary>
public static class SandboxConfigFactory
{
    /// <summary>The pod's cgroup, as CRI's cgroup_parent wants it.</summary>
    public static string CgroupParent(string cgroupRoot, Pod pod) => $"/{cgroupRoot.Trim('/')}/pod{pod.Metadata.Uid}";

    public static PodSandboxConfig Create(Pod pod, string logDirectory, string cgroupRoot, uint attempt)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var hostNetwork = pod.Spec?.HostNetwork == true;
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata
            {
                Name = pod.Metadata.Name ?? string.Empty,
                Namespace = pod.Metadata.Namespace ?? string.Empty,
                Uid = pod.Metadata.Uid ?? string.Empty,
                Attempt = attempt,
            },
            // containerd refuses a hostname for a pod in the node's network namespace.
            Hostname = hostNetwork ? string.Empty : pod.Spec?.Hostname ?? pod.Metadata.Name ?? string.Empty,
            LogDirectory = logDirectory,
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = CgroupParent(cgroupRoot, pod),
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption
                    {
                        Network = hostNetwork ? NamespaceMode.Node : NamespaceMode.Pod,
                        Pid = pod.Spec?.HostPID == true ? NamespaceMode.Node : pod.Spec?.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
                        Ipc = pod.Spec?.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
                    },
                },
            },
        };
        config.Labels.Add(Labels(pod));
        foreach (var (key, value) in pod.Metadata.Annotations ?? [])
        {
            config.Annotations[key] = value;
        }

        foreach (var sysctl in pod.Spec?.SecurityContext?.Sysctls ?? [])
        {
            if (sysctl.Name is { Length: > 0 } name)
            {
                config.Linux.Sysctls[name] = sysctl.Value ?? string.Empty;
            }
        }

        if (pod.Spec?.DnsConfig is { } dns)
        {
            config.DnsConfig = new DNSConfig();
            config.DnsConfig.Servers.Add(dns.Nameservers ?? []);
            config.DnsConfig.Searches.Add(dns.Searches ?? []);
            config.DnsConfig.Options.Add((dns.Options ?? []).Select(o => o.Value is null ? o.Name ?? string.Empty : $"{o.Name}:{o.Value}"));
        }

        foreach (var container in pod.Spec?.Containers ?? [])
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is > 0)
                {
                    config.PortMappings.Add(new PortMapping
                    {
                        ContainerPort = port.Number ?? 0,
                        HostPort = port.HostPort ?? 0,
                        HostIp = port.HostIP ?? string.Empty,
                        Protocol = port.Protocol switch { "UDP" => Protocol.Udp, "SCTP" => Protocol.Sctp, _ => Protocol.Tcp },
                    });
                }
            }
        }

        return config;
    }

    /// <summary>The labels that find the pod's sandbox and containers again.</summary>
    public static Dictionary<string, string> Labels(Pod pod) => new(StringComparer.Ordinal)
    {
        [CriLabels.PodName] = pod.Metadata.Name ?? string.Empty,
        [CriLabels.PodNamespace] = pod.Metadata.Namespace ?? string.Empty,
        [CriLabels.PodUid] = pod.Metadata.Uid ?? string.Empty,
        [CriLabels.Tenant] = pod.Metadata.Tenant ?? string.Empty,
        [CriLabels.ManagedBy] = CriLabels.ManagedByValue,
    };
}
