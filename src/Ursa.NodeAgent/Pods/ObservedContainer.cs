using CriApi = Ursa.Cri.V1;

namespace Ursa.NodeAgent.Pods;

/// <summary>One container as the runtime reports it: the sandbox it belongs to and its full status.</summary>
public sealed record ObservedContainer(string SandboxId, CriApi.ContainerStatus Status)
{
    public string Id => Status.Id;

    public string Name => Status.Metadata?.Name ?? string.Empty;

    public uint Attempt => Status.Metadata?.Attempt ?? 0;

    public CriApi.ContainerState State => Status.State;
}
