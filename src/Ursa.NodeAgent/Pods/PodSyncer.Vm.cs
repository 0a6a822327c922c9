using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.NodeAgent.VirtualMachines;
using Container = Ursa.Api.Core.Container;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>
    /// One level-triggered pass over a VM pod: sandbox, image, the VM itself, then its power state toward
    /// <c>powerSpec</c> (Running, Paused, Shutdown), restarts of a VM that stopped by itself (restartPolicy, with
    /// back-off), and the status from the runtime's VM status.
    /// </summary>
    private async Task<SyncResult> SyncVmAsync(Pod pod, IRuntimeService runtime, IImageService images, IVirtualMachineService vms, CancellationToken cancellationToken)
    {
        var uid = pod.Metadata.Uid!;
        var vm = pod.Spec!.VirtualMachine!;
        var name = vm.Name ?? "vm";
        var observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
        if (!observed.SandboxReady)
        {
            var delay = await EnsureSandboxAsync(pod, runtime, observed, cancellationToken).ConfigureAwait(false);
            if (delay is { } wait)
            {
                await WriteVmStatusAsync(pod, observed, null, new ContainerWaiting("ContainerCreating", "waiting for the pod sandbox"), vms, cancellationToken).ConfigureAwait(false);
                return SyncResult.After(wait);
            }

            observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
        }

        ContainerWaiting? waiting = null;
        TimeSpan? requeue = null;
        var current = observed.Containers.Where(c => c.SandboxId == observed.Sandbox!.Id && c.Name == name).OrderByDescending(c => c.Attempt).FirstOrDefault();
        var power = vm.PowerSpec ?? "Running";
        try
        {
            if (current is null)
            {
                var sandboxConfig = SandboxConfigFactory.Create(pod, PodPaths.LogDirectory(_options.RootDirectory, pod), _options.CgroupRoot, observed.Sandbox!.Metadata?.Attempt ?? 0);
                var asContainer = new Container { Name = name, Image = vm.Image, ImagePullPolicy = vm.ImagePullPolicy ?? "IfNotPresent" };
                var pullWaiting = new Dictionary<string, ContainerWaiting>(StringComparer.Ordinal);
                var (imageRef, after) = await EnsureVmImageAsync(pod, asContainer, images, vms, sandboxConfig, pullWaiting, cancellationToken).ConfigureAwait(false);
                if (imageRef is null)
                {
                    await WriteVmStatusAsync(pod, observed, null, pullWaiting.GetValueOrDefault(name), vms, cancellationToken).ConfigureAwait(false);
                    return new SyncResult(after);
                }

                var created = await vms.CreateVirtualMachineAsync(new CreateVirtualMachineRequest
                {
                    PodSandboxId = observed.Sandbox.Id,
                    Config = VirtualMachineConfigFactory.ContainerConfig(pod, 0),
                    SandboxConfig = sandboxConfig,
                    Vm = VirtualMachineConfigFactory.Create(pod),
                }, cancellationToken).ConfigureAwait(false);
                Record(pod, "Normal", "Created", $"Created virtual machine {name}");
                if (power != "Shutdown")
                {
                    await StartVmAsync(pod, name, runtime, created.ContainerId, again: false, cancellationToken).ConfigureAwait(false);
                    if (power == "Paused")
                    {
                        await vms.PauseAsync(new PauseRequest { ContainerId = created.ContainerId }, cancellationToken).ConfigureAwait(false);
                        Record(pod, "Normal", "Paused", $"Paused virtual machine {name}");
                    }
                }
            }
            else
            {
                var vmStatus = await vms.VirtualMachineStatusAsync(new VirtualMachineStatusRequest { ContainerId = current.Id }, cancellationToken).ConfigureAwait(false);
                (waiting, requeue) = await ReconcilePowerAsync(pod, name, power, current, vmStatus, runtime, vms, cancellationToken).ConfigureAwait(false);
                requeue = SyncResult.Earliest(requeue, await ReconcileDevicesAsync(pod, name, current.Id, vmStatus, vms, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (GrpcException e)
        {
            Record(pod, "Warning", "Failed", $"Virtual machine {name}: {e.Detail}");
            waiting = new ContainerWaiting("VirtualMachineError", e.Detail);
            requeue = TimeSpan.FromSeconds(5);
        }

        observed = await ObserveAsync(runtime, uid, cancellationToken).ConfigureAwait(false);
        await CollectGarbageAsync(runtime, observed, cancellationToken).ConfigureAwait(false);
        var status = await WriteVmStatusAsync(pod, observed, observed.Latest(name), waiting, vms, cancellationToken).ConfigureAwait(false);
        // A booting guest is watched closely so Ready follows the boot within a second, not at the next relist.
        if (status.VirtualMachineStatus?.PowerState == "running" && status.VirtualMachineStatus.Ready != true)
        {
            requeue = SyncResult.Earliest(requeue, TimeSpan.FromMilliseconds(250));
        }

        return new SyncResult(requeue);
    }

    /// <summary>Moves an existing VM toward <paramref name="power"/>; returns why it is held back and when to look again.</summary>
    private async Task<(ContainerWaiting? Waiting, TimeSpan? Requeue)> ReconcilePowerAsync(Pod pod, string name, string power, ObservedContainer current, VirtualMachineStatusResponse vmStatus,
        IRuntimeService runtime, IVirtualMachineService vms, CancellationToken cancellationToken)
    {
        switch (power)
        {
            case "Shutdown" when vmStatus.PowerState is PowerState.Running or PowerState.Paused:
                var grace = pod.Spec?.TerminationGracePeriodSeconds ?? 30;
                Record(pod, "Normal", "ShuttingDown", $"Powering off virtual machine {name} (ACPI, then a hard stop after {grace}s)");
                await runtime.StopContainerAsync(new StopContainerRequest { ContainerId = current.Id, Timeout = grace }, cancellationToken).ConfigureAwait(false);
                Record(pod, "Normal", "Stopped", $"Virtual machine {name} is powered off");
                return (null, null);
            case "Paused" when vmStatus.PowerState == PowerState.Running:
                await vms.PauseAsync(new PauseRequest { ContainerId = current.Id }, cancellationToken).ConfigureAwait(false);
                Record(pod, "Normal", "Paused", $"Paused virtual machine {name}");
                return (null, null);
            case "Running" when vmStatus.PowerState == PowerState.Paused:
                await vms.ResumeAsync(new ResumeRequest { ContainerId = current.Id }, cancellationToken).ConfigureAwait(false);
                Record(pod, "Normal", "Resumed", $"Resumed virtual machine {name}");
                return (null, null);
            case "Running" or "Paused" when vmStatus.PowerState == PowerState.Created:
                await StartVmAsync(pod, name, runtime, current.Id, again: false, cancellationToken).ConfigureAwait(false);
                return (null, null);
            case "Running" or "Paused" when vmStatus.PowerState is PowerState.Shutdown or PowerState.Crashed:
                return await RestartVmAsync(pod, name, power, current, vmStatus, runtime, cancellationToken).ConfigureAwait(false);
            default:
                return (null, null);
        }
    }

    /// <summary>Starts a VM that stopped: at once when it was powered off on purpose, else per restartPolicy with back-off.</summary>
    private async Task<(ContainerWaiting? Waiting, TimeSpan? Requeue)> RestartVmAsync(Pod pod, string name, string power, ObservedContainer current, VirtualMachineStatusResponse vmStatus, IRuntimeService runtime, CancellationToken cancellationToken)
    {
        var policy = pod.Spec?.RestartPolicy ?? "Always";
        var poweredOffOnPurpose = pod.Status?.VirtualMachineStatus?.PowerState == "shutdown" && current.Status.Reason is "Stopped" or "Shutdown" && pod.Status.Phase == "Pending";
        if (!poweredOffOnPurpose)
        {
            if (policy == "Never" || (policy == "OnFailure" && vmStatus.PowerState == PowerState.Shutdown))
            {
                return (null, null);
            }

            var key = $"{pod.Metadata.Uid}/{name}";
            var finished = DateTimeOffset.FromUnixTimeMilliseconds(current.Status.FinishedAt / 1_000_000);
            if (_backOff.IsInBackOff(key, finished, out var remaining))
            {
                if (_backOffReported.TryAdd($"{key}/{finished.UtcTicks}", 0))
                {
                    Record(pod, "Warning", "BackOff", $"Back-off restarting stopped virtual machine {name}");
                }

                return (new ContainerWaiting("CrashLoopBackOff", $"back-off {Seconds(remaining)} restarting stopped virtual machine {name}"), remaining);
            }

            _backOff.Next(key);
        }

        await StartVmAsync(pod, name, runtime, current.Id, again: true, cancellationToken).ConfigureAwait(false);
        if (power == "Paused")
        {
            return (null, TimeSpan.Zero);
        }

        return (null, null);
    }

    private async Task StartVmAsync(Pod pod, string name, IRuntimeService runtime, string id, bool again, CancellationToken cancellationToken)
    {
        await runtime.StartContainerAsync(new StartContainerRequest { ContainerId = id }, cancellationToken).ConfigureAwait(false);
        Record(pod, "Normal", "Started", again ? $"Started virtual machine {name} again (disks kept)" : $"Started virtual machine {name}");
    }

    private async Task<PodStatus> WriteVmStatusAsync(Pod pod, ObservedPod observed, ObservedContainer? vm, ContainerWaiting? waiting, IVirtualMachineService vms, CancellationToken cancellationToken)
    {
        VirtualMachineStatusResponse? vmStatus = null;
        if (vm is not null)
        {
            vmStatus = await IgnoreNotFound(vms.VirtualMachineStatusAsync(new VirtualMachineStatusRequest { ContainerId = vm.Id }, cancellationToken), r => r).ConfigureAwait(false);
        }

        var status = VmPodStatusConverter.Convert(pod, new VmPodStatusConverter.Input(observed, vmStatus, waiting, _options.NodeAddress, _time.GetUtcNow()));
        await RecordVmTransitionsAsync(pod, status).ConfigureAwait(false);
        await PutStatusAsync(pod, status, cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>Events for what the VM did by itself (booted, guest power-off, crash), seen as status changes.</summary>
    private Task RecordVmTransitionsAsync(Pod pod, PodStatus status)
    {
        var uid = pod.Metadata.Uid!;
        var before = _vmStatusWritten.TryGetValue(uid, out var written) ? written : pod.Status?.VirtualMachineStatus;
        var after = status.VirtualMachineStatus;
        if (after is not null)
        {
            _vmStatusWritten[uid] = after;
        }

        var name = pod.Spec!.VirtualMachine!.Name;
        if (after?.Ready == true && before?.Ready != true)
        {
            Record(pod, "Normal", "Booted", $"Virtual machine {name} booted: its guest is up");
        }

        if (after?.PowerState != before?.PowerState && after?.PowerState == "crashed")
        {
            Record(pod, "Warning", "Crashed", $"Virtual machine {name} stopped unexpectedly: {after.Message}");
        }
        else if (after?.PowerState != before?.PowerState && after?.PowerState == "shutdown" && pod.Spec.VirtualMachine.PowerSpec != "Shutdown")
        {
            Record(pod, "Normal", "GuestShutdown", $"The guest of virtual machine {name} powered off");
        }

        return Task.CompletedTask;
    }

}
