using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.Pods;
using CriApi = Ursa.Cri.V1;

namespace Ursa.UnitTests.NodeAgent;

public sealed class PodStatusConverterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    // restartPolicy, container states ("run", "exit0", "exit1", "none", "wait-after-exit") -> phase
    [InlineData("Always", new[] { "none" }, "Pending")]
    [InlineData("Always", new[] { "run", "none" }, "Pending")]
    [InlineData("Always", new[] { "run", "exit0" }, "Running")]
    [InlineData("Always", new[] { "exit0" }, "Running")]
    [InlineData("Always", new[] { "wait-after-exit" }, "Running")]
    [InlineData("OnFailure", new[] { "exit0", "exit0" }, "Succeeded")]
    [InlineData("OnFailure", new[] { "exit0", "exit1" }, "Running")]
    [InlineData("Never", new[] { "exit0", "exit0" }, "Succeeded")]
    [InlineData("Never", new[] { "exit0", "exit1" }, "Failed")]
    [InlineData("Never", new[] { "run", "exit1" }, "Running")]
    public void Phase_KubeletRules(string restartPolicy, string[] states, string phase)
    {
        var names = states.Select((_, i) => $"c{i}").ToArray();
        var pod = Pod(restartPolicy, names);
        var containers = new List<ObservedContainer>();
        var waiting = new Dictionary<string, ContainerWaiting>();
        for (var i = 0; i < states.Length; i++)
        {
            switch (states[i])
            {
                case "run": containers.Add(Observed(names[i], 0, CriApi.ContainerState.ContainerRunning)); break;
                case "exit0": containers.Add(Observed(names[i], 0, CriApi.ContainerState.ContainerExited, 0)); break;
                case "exit1": containers.Add(Observed(names[i], 0, CriApi.ContainerState.ContainerExited, 1)); break;
                case "wait-after-exit":
                    containers.Add(Observed(names[i], 3, CriApi.ContainerState.ContainerExited, 1));
                    waiting[names[i]] = new ContainerWaiting("CrashLoopBackOff", "back-off 40s");
                    break;
            }
        }

        var status = PodStatusConverter.Convert(pod, Input(containers, waiting));

        Assert.Equal(phase, status.Phase);
    }

    [Fact]
    public void Convert_CrashLoop_WaitingWithLastStateAndRestartCount()
    {
        var pod = Pod("Always", "app");
        var observed = new[] { Observed("app", 2, CriApi.ContainerState.ContainerExited, 7, "Error"), Observed("app", 1, CriApi.ContainerState.ContainerExited, 7) };
        var waiting = new Dictionary<string, ContainerWaiting> { ["app"] = new("CrashLoopBackOff", "back-off 20s restarting failed container=app") };

        var status = Assert.Single(PodStatusConverter.Convert(pod, Input(observed, waiting)).ContainerStatuses!);

        Assert.Equal("CrashLoopBackOff", status.State!.Waiting!.Reason);
        Assert.Equal(7, status.LastState!.Terminated!.ExitCode);
        Assert.Equal("containerd://app-2", status.LastState.Terminated.ContainerID);
        Assert.Equal(2, status.RestartCount);
        Assert.False(status.Ready);
    }

    [Fact]
    public void Convert_Running_ReadyConditionsIpAndKeepsSchedulerCondition()
    {
        var pod = Pod("Always", "app");
        pod.Status = new PodStatus { Conditions = [new PodCondition { Type = "PodScheduled", Status = "True" }], StartTime = Now.AddMinutes(-1) };

        var status = PodStatusConverter.Convert(pod, Input([Observed("app", 0, CriApi.ContainerState.ContainerRunning)], new Dictionary<string, ContainerWaiting>()));

        Assert.Equal("Running", status.Phase);
        Assert.Equal("10.88.0.9", status.PodIP);
        Assert.Equal(Now.AddMinutes(-1), status.StartTime);
        Assert.Equal(
            ["PodScheduled=True", "PodReadyToStartContainers=True", "Initialized=True", "ContainersReady=True", "Ready=True"],
            status.Conditions!.Select(c => $"{c.Type}={c.Status}"));
        var container = Assert.Single(status.ContainerStatuses!);
        Assert.True(container.Ready);
        Assert.Equal("sha256:img", container.ImageID);
        Assert.NotNull(container.State!.Running);
    }

    [Fact]
    public void Convert_ImagePullFailure_WaitingReasonWithoutContainer()
    {
        var pod = Pod("Always", "app");

        var status = PodStatusConverter.Convert(pod, Input([], new Dictionary<string, ContainerWaiting> { ["app"] = new("ErrImagePull", "not found") }));

        Assert.Equal("Pending", status.Phase);
        Assert.Equal("ErrImagePull", status.ContainerStatuses![0].State!.Waiting!.Reason);
        Assert.Equal("ContainersNotReady", status.Conditions!.Single(c => c.Type == "Ready").Reason);
    }

    private static PodStatusConverter.Input Input(IReadOnlyList<ObservedContainer> containers, IReadOnlyDictionary<string, ContainerWaiting> waiting)
    {
        var sandbox = new CriApi.PodSandbox { Id = "sb", Metadata = new CriApi.PodSandboxMetadata { Attempt = 0 } };
        var sandboxStatus = new CriApi.PodSandboxStatus { Id = "sb", State = CriApi.PodSandboxState.SandboxReady, Network = new CriApi.PodSandboxNetworkStatus { Ip = "10.88.0.9" } };
        return new PodStatusConverter.Input(new ObservedPod(sandbox, sandboxStatus, [], containers), waiting, "127.0.0.1", "containerd", Now);
    }

    private static ObservedContainer Observed(string name, uint attempt, CriApi.ContainerState state, int exitCode = 0, string reason = "")
    {
        var startedAt = Now.AddSeconds(-10).ToUnixTimeMilliseconds() * 1_000_000;
        return new ObservedContainer("sb", new CriApi.ContainerStatus
        {
            Id = $"{name}-{attempt}",
            Metadata = new CriApi.ContainerMetadata { Name = name, Attempt = attempt },
            State = state,
            StartedAt = startedAt,
            FinishedAt = state == CriApi.ContainerState.ContainerExited ? startedAt + 1_000_000_000 : 0,
            ExitCode = exitCode,
            Reason = reason,
            ImageRef = "sha256:img",
        });
    }

    private static Pod Pod(string restartPolicy, params string[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u" },
        Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [.. containers.Select(n => new Container { Name = n, Image = "busybox" })] },
    };
}
