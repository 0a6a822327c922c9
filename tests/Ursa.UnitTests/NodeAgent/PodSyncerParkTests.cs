using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.NodeAgent.VirtualMachines;

namespace Ursa.UnitTests.NodeAgent;

/// <summary>A VM pod that released its node keeps its sandbox and stopped VM there (parked).</summary>
public sealed class PodSyncerParkTests
{
    [Fact]
    public async Task ParkAsync_VmStillRunning_IsPoweredOff_SandboxAndVmKept()
    {
        var harness = new VmPodHarness(vmRunning: true);
        harness.Pod.Spec!.TerminationGracePeriodSeconds = 20;

        await harness.Syncer.ParkAsync(harness.Pod, harness.Runtime, CancellationToken.None);

        var stop = Assert.Single(harness.Stopped);
        Assert.Equal(("vm-1", 20L), (stop.ContainerId, stop.Timeout));
        var (reason, message) = Assert.Single(await harness.EventsAsync());
        Assert.Equal("ShuttingDown", reason);
        Assert.Contains("released node n1", message, StringComparison.Ordinal);

        // Its status said running and nobody syncs it any more: the VM being off is reported once.
        var (patch, subresource) = Assert.Single(harness.Patches);
        Assert.Equal("status", subresource);
        Assert.Equal("shutdown", (string?)JsonNode.Parse(patch)!["status"]!["virtualMachineStatus"]!["powerState"]);
    }

    [Fact]
    public async Task ParkAsync_VmAlreadyStopped_TouchesNothing()
    {
        var harness = new VmPodHarness(vmRunning: false);

        await harness.Syncer.ParkAsync(harness.Pod, harness.Runtime, CancellationToken.None);

        Assert.Empty(harness.Stopped);
        Assert.Empty(harness.Patches);
        Assert.Empty(await harness.EventsAsync());
    }

    [Fact]
    public async Task ParkAsync_PodBoundAgain_IsLeftToTheSync()
    {
        var harness = new VmPodHarness(vmRunning: true);
        harness.Pod.Spec!.NodeName = "n1";

        await harness.Syncer.ParkAsync(harness.Pod, harness.Runtime, CancellationToken.None);

        Assert.Empty(harness.Stopped);
    }

    [Theory]
    // node, uid, deleting, VM? -> kept on node n1
    [InlineData(null, "u1", false, true, true)]
    [InlineData("", "u1", false, true, true)]
    [InlineData("n1", "u1", false, true, true)]
    [InlineData("n2", "u1", false, true, false)]
    [InlineData(null, "u2", false, true, false)]
    [InlineData(null, "u1", true, true, false)]
    [InlineData(null, "u1", false, false, false)]
    public void Keep_WhileUnboundOrBoundHere(string? node, string uid, bool deleting, bool vm, bool kept)
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "guest", Uid = uid, DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null },
            Spec = vm
                ? new PodSpec { NodeName = node, VirtualMachine = new VirtualMachine { Name = "vm", PowerSpec = "Shutdown" } }
                : new PodSpec { NodeName = node, Containers = [new Container { Name = "c" }] },
        };

        Assert.Equal(kept, VmParking.Keep(pod, "u1", "n1"));
    }

    [Fact]
    public void Keep_PodGone_No() => Assert.False(VmParking.Keep(null, "u1", "n1"));
}
