using System.Text.Json.Nodes;
using Ursa.Client.Rest;
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
        var live = observed.Live.ToList();
        foreach (var vm in live)
        {
            Record(pod, "Normal", "ShuttingDown", $"Powering off virtual machine {vm.Name}: the pod released node {_options.NodeName} (ACPI, then a hard stop after {grace}s)");
            await IgnoreNotFound(runtime.StopContainerAsync(new StopContainerRequest { ContainerId = vm.Id, Timeout = grace }, cancellationToken), r => r).ConfigureAwait(false);
        }

        if (live.Count > 0)
        {
            await ReportParkedAsync(pod, cancellationToken).ConfigureAwait(false);
        }

        Log.Parked(_logger, pod.Metadata.Namespace!, pod.Metadata.Name!, observed.Containers.Count);
    }

    /// <summary>
    /// The pod was released while its VM still ran (its node was lost for a while, or someone cleared nodeName):
    /// its status still says running, and no sync writes it any more, so say once that the VM is off. Guarded by
    /// the resourceVersion this decision was made on, so a pod bound elsewhere meanwhile is left to that node.
    /// </summary>
    private async Task ReportParkedAsync(Pod pod, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = pod.Metadata.ResourceVersion },
            ["status"] = new JsonObject { ["virtualMachineStatus"] = new JsonObject { ["powerState"] = "shutdown", ["state"] = "stopped", ["ready"] = false } },
        }.ToJsonString();
        try
        {
            await _client.PatchAsync<Pod>(ResourceRef.Pods, pod.Metadata.Tenant, pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.Merge, patch, "status", cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsConflict || e.IsNotFound)
        {
        }
    }
}
