using Ursa.Api.Core;
using Ursa.Cri.V1;
using ContainerState = Ursa.Cri.V1.ContainerState;

namespace Ursa.EndToEndTests.NodeAgent;

/// <summary>Container pods through the whole stack on real containerd: kubectl → API server → scheduler → agent → CRI.</summary>
[Collection(NodeClusterCollection.Name)]
public sealed class PodLifecycleEndToEndTests(NodeClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node_Registered_ReadyWithContainerAndVmRuntimes()
    {
        var node = await cluster.Client.GetAsync<Node>(Ursa.Client.Rest.ResourceRef.Nodes, null, null, NodeClusterFixture.NodeName, CancellationToken.None);

        var conditions = node.Status!.Conditions!.ToDictionary(c => c.Type!, c => c);
        Assert.Equal("True", conditions["Ready"].Status);
        Assert.Equal("True", conditions["ContainerRuntimeReady"].Status);
        Assert.Equal("True", conditions["VmRuntimeReady"].Status);
        Assert.Contains(node.Status.Runtimes!, r => r.WorkloadType == "vm" && r.Name == "qemu");
        Assert.StartsWith("containerd://", node.Status.NodeInfo!.ContainerRuntimeVersion, StringComparison.Ordinal);
        var lease = await cluster.Client.GetAsync<Ursa.Api.Coordination.Lease>(Ursa.Client.Rest.ResourceRef.Leases, "system", "kube-node-lease", NodeClusterFixture.NodeName, CancellationToken.None);
        Assert.Equal(NodeClusterFixture.NodeName, lease.Spec!.HolderIdentity);
        var table = await cluster.KubectlAsync("get", "nodes");
        Assert.Matches($@"{NodeClusterFixture.NodeName}\s+Ready", table.Stdout);
    }

    [Fact]
    public async Task Pod_RunsToCompletion_SucceededWithExitCodeAndPodIp()
    {
        await cluster.ApplyAsync(Manifest("done", "Never", "echo hello from $(POD_NAME); echo second line", env: "POD_NAME"));

        var pod = await cluster.WaitForPodAsync("done", p => p.Status?.Phase == "Succeeded", Deadline, "Succeeded");

        var container = Assert.Single(pod.Status!.ContainerStatuses!);
        Assert.Equal(0, container.State!.Terminated!.ExitCode);
        Assert.Equal("Completed", container.State.Terminated.Reason);
        Assert.StartsWith("containerd://", container.ContainerID, StringComparison.Ordinal);
        Assert.StartsWith("10.88.", pod.Status.PodIP, StringComparison.Ordinal);
        var logs = await cluster.KubectlAsync("logs", "done");
        Assert.Equal((0, "hello from done\nsecond line\n"), (logs.ExitCode, logs.Stdout));
        var tail = await cluster.KubectlAsync("logs", "done", "--tail=1", "-c", "app");
        Assert.Equal("second line\n", tail.Stdout);
        await cluster.WaitForEventAsync("done", e => e.Reason == "Started", "a Started event");
        var reasons = (await cluster.EventsForAsync("done")).Select(e => e.Reason).ToList();
        Assert.Contains("Pulling", reasons);
        Assert.Contains("Created", reasons);
    }

    [Fact]
    public async Task Pod_CrashLooping_RestartsWithBackOff()
    {
        await cluster.ApplyAsync(Manifest("crash", "Always", "echo crashing; exit 3"));

        var pod = await cluster.WaitForPodAsync("crash",
            p => p.Status?.ContainerStatuses?.FirstOrDefault() is { RestartCount: >= 2, State.Waiting.Reason: "CrashLoopBackOff" },
            Deadline, "restarted twice and in CrashLoopBackOff");

        var status = pod.Status!.ContainerStatuses![0];
        Assert.Equal(3, status.LastState!.Terminated!.ExitCode);
        Assert.Equal("Error", status.LastState.Terminated.Reason);
        Assert.Equal("Running", pod.Status.Phase);
        await cluster.WaitForEventAsync("crash", e => e.Reason == "BackOff" && e.Type == "Warning", "a BackOff warning");
        var previous = await cluster.KubectlAsync("logs", "crash", "--previous");
        Assert.Equal((0, "crashing\n"), (previous.ExitCode, previous.Stdout));
        var describe = await cluster.KubectlAsync("describe", "pod", "crash");
        Assert.Contains("CrashLoopBackOff", describe.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_ResourceLimits_VisibleInTheContainersCgroup()
    {
        await cluster.ApplyAsync(Manifest("limits", "Never",
            "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.shares",
            resources: "{requests: {cpu: 250m, memory: 32Mi}, limits: {cpu: 500m, memory: 64Mi}}"));

        var pod = await cluster.WaitForPodAsync("limits", p => p.Status?.Phase == "Succeeded", Deadline, "Succeeded");

        var log = await File.ReadAllLinesAsync(Directory.GetFiles(cluster.Agent.RootDirectory, "0.log", SearchOption.AllDirectories).Single(f => f.Contains("_limits_", StringComparison.Ordinal)));
        Assert.Equal(["67108864", "50000", "256"], log.Select(l => l.Split(' ', 4)[3]));
        // The pod's own cgroup holds the pod as a whole to the sum of its limits, and goes with the pod.
        var podMemory = $"/sys/fs/cgroup/memory/kubepods/pod{pod.Metadata.Uid}";
        Assert.Equal("67108864", (await File.ReadAllTextAsync(Path.Combine(podMemory, "memory.limit_in_bytes"))).Trim());
        Assert.Equal("50000", (await File.ReadAllTextAsync($"/sys/fs/cgroup/cpu/kubepods/pod{pod.Metadata.Uid}/cpu.cfs_quota_us")).Trim());
        Assert.Equal(0, (await cluster.KubectlAsync("delete", "pod", "limits", "--wait=true", "--timeout=60s")).ExitCode);
        // A finished pod is deleted at once; the agent cleans up after it.
        var everywhere = $"/sys/fs/cgroup/*/kubepods/pod{pod.Metadata.Uid}";
        await Ursa.IntegrationTests.Infrastructure.Eventually.UntilAsync(
            () => Task.FromResult(Directory.GetDirectories("/sys/fs/cgroup").Where(h => Directory.Exists(Path.Combine(h, "kubepods", $"pod{pod.Metadata.Uid}"))).ToList()),
            left => left.Count == 0, TimeSpan.FromSeconds(15), left => $"{everywhere} to be removed after the pod was deleted (left in: {string.Join(", ", left)})");
    }

    [Fact]
    public async Task Pod_Deleted_ContainersAndSandboxRemoved()
    {
        await cluster.ApplyAsync(Manifest("doomed", "Always", "trap 'exit 0' TERM; sleep 300 & wait"));
        var pod = await cluster.WaitForPodAsync("doomed", p => p.Status?.Phase == "Running", Deadline, "Running");
        var uid = pod.Metadata.Uid!;
        await using var cri = cluster.Cri();
        Assert.NotEmpty(await SandboxesOf(cri, uid));

        var deleted = await cluster.KubectlAsync("delete", "pod", "doomed", "--wait=true", "--timeout=60s");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Empty(await SandboxesOf(cri, uid));
        var request = new ListContainersRequest { Filter = new ContainerFilter() };
        request.Filter.LabelSelector["io.kubernetes.pod.uid"] = uid;
        Assert.Empty((await cri.ListContainersAsync(request, CancellationToken.None)).Containers);
        await cluster.WaitForEventAsync("doomed", e => e.Reason == "Killing", "a Killing event");
    }

    [Fact]
    public async Task Pod_MissingImage_ErrImagePullThenRecoversWhenTheImageAppears()
    {
        var image = $"late-{Guid.NewGuid():N}"[..16] + ":v1";
        await cluster.ApplyAsync(Manifest("late", "Never", "echo the image arrived", image: "ursa.local/" + image));

        var pending = await cluster.WaitForPodAsync("late",
            p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff",
            Deadline, "waiting on ErrImagePull/ImagePullBackOff");
        Assert.Equal("Pending", pending.Status!.Phase);
        await cluster.WaitForEventAsync("late", e => e.Reason == "Failed" && e.Message!.Contains("Failed to pull image", StringComparison.Ordinal), "a Failed event for the pull");

        // A second handle on the same managed containerd, only to push; disposing it would stop the daemons.
        var managed = new Ursa.Runtimes.Containerd.ManagedContainerd(cluster.Containerd, Ursa.Runtimes.Containerd.ProcessCommandRunner.Instance, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await managed.Images.PushBusyboxImageAsync(image, CancellationToken.None);

        await cluster.WaitForPodAsync("late", p => p.Status?.Phase == "Succeeded", Deadline, "Succeeded once the image exists");
    }

    [Fact]
    public async Task Pod_CommandNotFound_ClearContainerStateReason()
    {
        await cluster.ApplyAsync($"""
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: nocmd, namespace: default{"}"}
            spec:
              restartPolicy: Never
              containers:
              - name: app
                image: ursa.local/busybox:latest
                command: ["/no/such/binary"]
            """);

        var pod = await cluster.WaitForPodAsync("nocmd", p => p.Status?.Phase == "Failed", Deadline, "Failed");

        var terminated = pod.Status!.ContainerStatuses![0].State!.Terminated!;
        Assert.Equal("StartError", terminated.Reason);
        Assert.Contains("/no/such/binary", terminated.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, terminated.ExitCode);
    }

    [Fact]
    public async Task AgentRestart_RunningContainerUntouchedAndReadopted()
    {
        await cluster.ApplyAsync(Manifest("steady", "Always", "sleep 3600"));
        var before = await cluster.WaitForPodAsync("steady", p => p.Status?.Phase == "Running", Deadline, "Running");
        var id = before.Status!.ContainerStatuses![0].ContainerID!;
        var startedAt = before.Status.ContainerStatuses[0].State!.Running!.StartedAt;

        await cluster.RestartNodeAsync();

        await using var cri = cluster.Cri();
        var status = await cri.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = id["containerd://".Length..] }, CancellationToken.None);
        Assert.Equal(ContainerState.ContainerRunning, status.Status.State);
        // The agent re-adopted it: a full sync pass ran and found nothing to change.
        var node = await cluster.WaitForPodAsync("steady", p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, Deadline, "Ready after the restart");
        var after = node.Status!.ContainerStatuses![0];
        Assert.Equal((id, 0, startedAt), (after.ContainerID, after.RestartCount, after.State!.Running!.StartedAt));
        var created = (await cluster.EventsForAsync("steady")).Count(e => e.Reason == "Created");
        Assert.Equal(1, created);
        var exec = await cri.ExecSyncAsync(new ExecSyncRequest { ContainerId = status.Status.Id, Cmd = { "true" }, Timeout = 10 }, CancellationToken.None);
        Assert.Equal(0, exec.ExitCode);
    }

    [Fact]
    public async Task Exec_RunsInTheContainer_ReturnsOutputAndExitCode()
    {
        await cluster.ApplyAsync(Manifest("shell", "Always", "echo ready; sleep 3600"));
        await cluster.WaitForPodAsync("shell", p => p.Status?.Phase == "Running", Deadline, "Running");

        var exec = await cluster.KubectlAsync("exec", "shell", "--", "sh", "-c", "echo out $(hostname); echo err >&2; exit 7");

        Assert.Equal(7, exec.ExitCode);
        Assert.Equal("out shell\n", exec.Stdout);
        Assert.Contains("err", exec.Stderr, StringComparison.Ordinal);
        var ok = await cluster.KubectlAsync("exec", "shell", "-c", "app", "--", "cat", "/proc/1/cmdline");
        var piped = await cluster.KubectlInAsync("hello through stdin\n", "exec", "-i", "shell", "--", "head", "-c", "5");
        Assert.Equal((0, "hello"), (piped.ExitCode, piped.Stdout));

        // busybox sh execs its last command: PID 1 is the sleep itself.
        Assert.Equal((0, "sleep\03600\0"), (ok.ExitCode, ok.Stdout));
    }

    [Fact]
    public async Task LogsFollow_StreamsNewLinesUntilTheContainerExits()
    {
        await cluster.ApplyAsync(Manifest("ticker", "Never", "for i in 1 2 3; do echo tick $i; sleep 1; done"));
        await cluster.WaitForPodAsync("ticker", p => p.Status?.Phase is "Running" or "Succeeded", Deadline, "Running");

        var follow = await cluster.KubectlAsync("logs", "-f", "ticker");

        Assert.Equal((0, "tick 1\ntick 2\ntick 3\n"), (follow.ExitCode, follow.Stdout));
    }

    private static async Task<List<PodSandbox>> SandboxesOf(Ursa.Cri.CriClient cri, string uid)
    {
        var request = new ListPodSandboxRequest { Filter = new PodSandboxFilter() };
        request.Filter.LabelSelector["io.kubernetes.pod.uid"] = uid;
        return [.. (await cri.ListPodSandboxAsync(request, CancellationToken.None)).Items];
    }

    private static string Manifest(string name, string restartPolicy, string script, string? env = null, string? resources = null, string image = "ursa.local/busybox:latest")
    {
        var envBlock = env is null ? string.Empty : $"\n    env: [{{name: {env}, valueFrom: {{fieldRef: {{fieldPath: metadata.name}}}}}}]";
        var resourcesBlock = resources is null ? string.Empty : $"\n    resources: {resources}";
        return $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
              namespace: default
            spec:
              restartPolicy: {restartPolicy}
              terminationGracePeriodSeconds: 5
              containers:
              - name: app
                image: {image}
                command: ["sh", "-c", "{script.Replace("\"", "\\\"", StringComparison.Ordinal)}"]{envBlock}{resourcesBlock}
            """;
    }
}
