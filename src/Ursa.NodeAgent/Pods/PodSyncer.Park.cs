using Ursa.Cri;
using Ursa.Cri.V1;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncer
{
    /// <summary>
    /// Parks a VM pod that released this node (<see cref="VirtualMachines.VmParking"/>): a VM still running is
    /// powered off (ACPI, then a hard stop after the grace period, as for <c>powerSpec: Shutdown</c>); the sandbox
    /// and the VM with its disks stay, so a later sync on this node starts the same VM again. Nothing is done for a
    /// pod already bound again: the sync loop adopts it.
    /// </summary>
    public async Task ParkAsync(Pod pod, IRuntimeService runtime, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return;
        }

        var observed = await ObserveAsync(runtime, pod.Metadata.Uid!, cancellationToken).ConfigureAwait(false);
        var grace = pod.Spec?.TerminationGracePeriodSeconds ?? 30;
        foreach (var vm in observed.Live)
        {
            Record(pod, "Normal", "ShuttingDown", $"Powering off virtual machine {vm.Name}: the pod released node {_options.NodeName} (ACPI, then a hard stop after {grace}s)");
            await IgnoreNotFound(runtime.StopContainerAsync(new StopContainerRequest { ContainerId = vm.Id, Timeout = grace }, cancellationToken), r => r).ConfigureAwait(false);
        }

        Log.Parked(_logger, pod.Metadata.Namespace!, pod.Metadata.Name!, observed.Containers.Count);
    }
}
