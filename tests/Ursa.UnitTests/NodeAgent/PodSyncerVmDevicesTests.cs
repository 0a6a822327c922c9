using Ursa.Api.Core;
using Ursa.Cri;
using Ursa.Cri.Vm;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.NodeAgent;

/// <summary>A running VM pod's sync over fakes: spec changes become hot-plug and resize calls, transitions one event each.</summary>
public sealed class PodSyncerVmDevicesTests
{
    private static VirtualMachineStatusResponse Running(bool booted, params string[] nics) => new()
    {
        ContainerId = "vm-1",
        PowerState = PowerState.Running,
        Booted = booted,
        Vcpus = 1,
        MemoryBytes = 256L << 20,
        Nics = { nics.Select(n => new VirtualMachineNic { Name = n }) },
    };

    [Fact]
    public async Task Sync_BootedVm_OnAPodCopyOlderThanTheAgentsOwnWrite_RecordsBootedOnce()
    {
        var harness = new VmPodHarness(vmRunning: true);
        var vms = harness.Vms(null, new() { [nameof(IVirtualMachineService.VirtualMachineStatusAsync)] = _ => Task.FromResult(Running(booted: true, "eth0")) });
        var images = FakeService<IImageService>.Create(new Dictionary<string, Func<object?[], object?>>());

        // The informer has not delivered the first status write yet: both syncs see the pod as it was.
        await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, images, "qemu", CancellationToken.None, vms);
        await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, images, "qemu", CancellationToken.None, vms);

        var events = await harness.EventsAsync();
        Assert.Single(events, e => e.Reason == "Booted");
    }

    [Fact]
    public async Task Sync_SpecAddsANicAndGrows_AttachesAndResizesLive_WithEvents()
    {
        var harness = new VmPodHarness(vmRunning: true);
        harness.Pod.Spec!.Nics = [new Nic { Name = "eth0" }, new Nic { Name = "eth1" }];
        harness.Pod.Spec.VirtualMachine!.Resources = new ResourceRequirements { Limits = new() { ["cpu"] = "2", ["memory"] = "384Mi" } };
        var attached = new List<string>();
        var resized = new List<(int, long)>();
        var vms = harness.Vms(null, new()
        {
            [nameof(IVirtualMachineService.VirtualMachineStatusAsync)] = _ => Task.FromResult(Running(booted: false, "eth0")),
            [nameof(IVirtualMachineService.AttachNicAsync)] = args =>
            {
                attached.Add(((AttachNicRequest)args[0]!).Nic.Name);
                return Task.FromResult(new AttachNicResponse());
            },
            [nameof(IVirtualMachineService.ResizeAsync)] = args =>
            {
                var request = (ResizeRequest)args[0]!;
                resized.Add((request.Vcpus, request.MemoryBytes));
                return Task.FromResult(new ResizeResponse { Vcpus = request.Vcpus, MemoryBytes = request.MemoryBytes });
            },
        });

        await harness.Syncer.SyncAsync(harness.Pod, harness.Runtime, FakeService<IImageService>.Create(new Dictionary<string, Func<object?[], object?>>()), "qemu", CancellationToken.None, vms);

        Assert.Equal(["eth1"], attached);
        Assert.Equal([(2, 384L << 20)], resized);
        var events = await harness.EventsAsync();
        Assert.Contains(("NicAttached", "Attached NIC eth1 to virtual machine vm"), events);
        Assert.Contains(("Resized", "Resized virtual machine vm live to 2 vCPUs, 384 MiB"), events);
    }
}
