using Ursa.Cri.V1;

namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>CRI configs shaped like the kubelet's: log layout, cgroup parent under <c>kubepods</c>, namespaces.</summary>
internal static class CriPods
{
    public const string Busybox = "ursa.local/busybox:latest";

    /// <summary>A sandbox config; creates its log directory (the caller's job in CRI).</summary>
    public static PodSandboxConfig Sandbox(CriFixture fixture, string name)
    {
        string uid = Guid.NewGuid().ToString();
        string parent = $"/kubepods/burstable/pod{uid}";
        fixture.CgroupParents.Add(parent);
        string logDirectory = Path.Combine(fixture.LogRoot, $"e2e_{name}_{uid}");
        Directory.CreateDirectory(logDirectory);
        return new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "e2e", Uid = uid },
            Hostname = name,
            LogDirectory = logDirectory,
            Labels = { ["io.kubernetes.pod.name"] = name, ["io.kubernetes.pod.uid"] = uid },
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = parent,
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                },
            },
        };
    }

    /// <summary>A busybox container running <c>sh -c <paramref name="script"/></c>, logging to <c>NAME/0.log</c>.</summary>
    public static ContainerConfig Shell(PodSandboxConfig sandbox, string name, string script, LinuxContainerResources? resources = null)
    {
        // The kubelet makes the per-container log directory; containerd only creates the file.
        Directory.CreateDirectory(Path.Combine(sandbox.LogDirectory, name));
        return new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name },
            Image = new ImageSpec { Image = Busybox },
            Command = { "sh", "-c", script },
            Envs = { new KeyValue { Key = "GREETING", Value = "hello" } },
            LogPath = $"{name}/0.log",
            Labels = { ["io.kubernetes.container.name"] = name },
            Linux = new LinuxContainerConfig
            {
                Resources = resources ?? new LinuxContainerResources(),
                SecurityContext = new LinuxContainerSecurityContext
                {
                    NamespaceOptions = new NamespaceOption { Network = NamespaceMode.Pod, Pid = NamespaceMode.Container, Ipc = NamespaceMode.Pod },
                },
            },
        };
    }
}
