using Ursa.Cri.V1;
using Ursa.NodeAgent.Pods;

namespace Ursa.UnitTests.NodeAgent;

/// <summary>The relist reports only pods whose runtime objects changed, per runtime.</summary>
public sealed class RelistFingerprintsTests
{
    [Fact]
    public void Update_FirstRelist_ReportsEveryPod()
    {
        var prints = new RelistFingerprints();

        var changed = prints.Update("containerd", [Sandbox("s1", "u1"), Sandbox("s2", "u2")], [Running("c1", "u1")]);

        Assert.Equal(["u1", "u2"], changed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Update_TwoRuntimesRelistedInTurn_UnchangedPodsAreNotReported()
    {
        // The regression: the VM runtime's (empty) relist replaced containerd's record, so every container pod
        // looked new on containerd's next relist and was synced every second.
        var prints = new RelistFingerprints();
        PodSandbox[] sandboxes = [Sandbox("s1", "u1"), Sandbox("s2", "u2")];
        Container[] containers = [Running("c1", "u1"), Running("c2", "u2")];
        prints.Update("containerd", sandboxes, containers);
        prints.Update("qemu", [], []);

        Assert.Empty(prints.Update("containerd", sandboxes, containers));
        Assert.Empty(prints.Update("qemu", [], []));
        Assert.Empty(prints.Update("containerd", sandboxes.Reverse(), containers.Reverse()));
    }

    [Fact]
    public void Update_ContainerExited_ReportsOnlyItsPod()
    {
        var prints = new RelistFingerprints();
        prints.Update("containerd", [Sandbox("s1", "u1"), Sandbox("s2", "u2")], [Running("c1", "u1"), Running("c2", "u2")]);

        var exited = Running("c2", "u2");
        exited.State = ContainerState.ContainerExited;
        var changed = prints.Update("containerd", [Sandbox("s1", "u1"), Sandbox("s2", "u2")], [Running("c1", "u1"), exited]);

        Assert.Equal(["u2"], changed);
    }

    [Fact]
    public void Update_PodObjectsGone_ReportsThePod()
    {
        var prints = new RelistFingerprints();
        prints.Update("containerd", [Sandbox("s1", "u1"), Sandbox("s2", "u2")], [Running("c1", "u1")]);

        var changed = prints.Update("containerd", [Sandbox("s1", "u1")], [Running("c1", "u1")]);

        Assert.Equal(["u2"], changed);
    }

    [Fact]
    public void Forget_NextRelistReportsEveryPodAgain()
    {
        var prints = new RelistFingerprints();
        prints.Update("containerd", [Sandbox("s1", "u1")], []);
        prints.Update("qemu", [Sandbox("v1", "u9")], []);

        prints.Forget("containerd");

        Assert.Equal(["u1"], prints.Update("containerd", [Sandbox("s1", "u1")], []));
        Assert.Empty(prints.Update("qemu", [Sandbox("v1", "u9")], []));
    }

    private static PodSandbox Sandbox(string id, string uid) => new()
    {
        Id = id + "0123456789abcdef",
        State = PodSandboxState.SandboxReady,
        Labels = { [CriLabels.PodUid] = uid },
    };

    private static Container Running(string id, string uid) => new()
    {
        Id = id + "0123456789abcdef",
        State = ContainerState.ContainerRunning,
        Labels = { [CriLabels.PodUid] = uid },
    };
}
