using System.Diagnostics;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.NodeAgent.Pods;

namespace Ursa.Benchmarks.PodStartup;

/// <summary>The physical floor: the same sandbox + container Ursa's agent creates, driven straight over CRI
/// (RunPodSandbox, CreateContainer, StartContainer) with no API server, scheduler or agent in the way.</summary>
public sealed class RawCriPods(CriClient cri, string logRoot, string image)
{
    private readonly List<string> _sandboxes = [];
    private readonly List<string> _uids = [];
    private readonly PodCgroups _cgroups = new("/sys/fs/cgroup", "kubepods");

    /// <summary>Starts one pod; returns how long it took.</summary>
    public async Task<TimeSpan> StartOneAsync(string name, CancellationToken cancellationToken)
    {
        var uid = Guid.NewGuid().ToString();
        var logs = Path.Combine(logRoot, uid);
        Directory.CreateDirectory(logs);
        var started = Stopwatch.GetTimestamp();
        var sandboxConfig = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "raw", Uid = uid },
            Hostname = name,
            LogDirectory = logs,
            Linux = new LinuxPodSandboxConfig { CgroupParent = $"/kubepods/pod{uid}" },
        };
        var sandbox = await cri.RunPodSandboxAsync(new RunPodSandboxRequest { Config = sandboxConfig }, cancellationToken).ConfigureAwait(false);
        lock (_sandboxes)
        {
            _sandboxes.Add(sandbox.PodSandboxId);
            _uids.Add(uid);
        }

        var container = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = "c" },
            Image = new ImageSpec { Image = image },
            LogPath = "c/0.log",
            Linux = new LinuxContainerConfig { Resources = new LinuxContainerResources { CpuShares = 2, CpuPeriod = 100_000 } },
        };
        container.Command.Add(["sleep", "3600"]);
        var created = await cri.CreateContainerAsync(new CreateContainerRequest { PodSandboxId = sandbox.PodSandboxId, Config = container, SandboxConfig = sandboxConfig }, cancellationToken).ConfigureAwait(false);
        await cri.StartContainerAsync(new StartContainerRequest { ContainerId = created.ContainerId }, cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Stops and removes every sandbox started here.</summary>
    public async Task RemoveAllAsync(CancellationToken cancellationToken)
    {
        foreach (var id in _sandboxes)
        {
            await cri.StopPodSandboxAsync(new StopPodSandboxRequest { PodSandboxId = id }, cancellationToken).ConfigureAwait(false);
            await cri.RemovePodSandboxAsync(new RemovePodSandboxRequest { PodSandboxId = id }, cancellationToken).ConfigureAwait(false);
        }

        _sandboxes.Clear();

        // runc made each pod's cgroup (the cgroup parent) and leaves it behind; the agent removes its own pods', so do we.
        foreach (var uid in _uids)
        {
            _cgroups.Remove(uid);
        }

        _uids.Clear();
    }
}
