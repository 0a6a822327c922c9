using CriApi = Ursa.Cri.V1;

namespace Ursa.NodeAgent.Pods;

/// <summary>What the runtime holds for one pod right now: its newest sandbox (with status) and every container
/// of it. Built fresh on each sync: the runtime is the source of truth, so an agent restart loses nothing.</summary>
/// <param name="Sandbox">The newest sandbox, or null.</param>
/// <param name="SandboxStatus">Its status (IP, state), or null.</param>
/// <param name="OlderSandboxes">Sandboxes of earlier attempts, to remove.</param>
/// <param name="Containers">All the pod's containers, any sandbox.</param>
public sealed record ObservedPod(CriApi.PodSandbox? Sandbox, CriApi.PodSandboxStatus? SandboxStatus, IReadOnlyList<CriApi.PodSandbox> OlderSandboxes, IReadOnlyList<ObservedContainer> Containers)
{
    public static ObservedPod Empty { get; } = new(null, null, [], []);

    /// <summary>True when the newest sandbox exists and is ready.</summary>
    public bool SandboxReady => Sandbox is not null && SandboxStatus?.State == CriApi.PodSandboxState.SandboxReady;

    /// <summary>The pod's IP from the sandbox, or empty.</summary>
    public string PodIp => SandboxStatus?.Network?.Ip ?? string.Empty;

    /// <summary>This container's attempts, newest first.</summary>
    public IEnumerable<ObservedContainer> Attempts(string name) =>
        Containers.Where(c => c.Name == name).OrderByDescending(c => c.Attempt).ThenByDescending(c => c.Status.CreatedAt);

    /// <summary>The newest attempt of a container, or null.</summary>
    public ObservedContainer? Latest(string name) => Attempts(name).FirstOrDefault();

    /// <summary>Containers still running or created, in any sandbox.</summary>
    public IEnumerable<ObservedContainer> Live => Containers.Where(c => c.State is CriApi.ContainerState.ContainerRunning or CriApi.ContainerState.ContainerCreated);
}
