using System.Globalization;
using Ursa.Cri.Vm;
using Ursa.NodeAgent.Pods;

namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>
/// Pure: what the VM runtime reports → a VM pod's status. Phase Pending until QEMU runs, Running while it runs
/// (paused included), Pending again when the VM is powered off on purpose (<c>powerSpec: Shutdown</c>; disks kept),
/// Failed or Succeeded only when it stopped by itself and the restart policy will not start it again. Ready and
/// <c>VirtualMachineReady</c> mean the guest is up: QEMU runs the guest and the guest showed a prompt on its console.
/// </summary>
public static class VmPodStatusConverter
{
    /// <summary>The condition that says whether the guest is up.</summary>
    public const string VirtualMachineReady = "VirtualMachineReady";

    /// <summary>Inputs besides the pod.</summary>
    /// <param name="Observed">The runtime's sandbox and VM (as a container).</param>
    /// <param name="Vm">The VM's own status, null before the VM exists.</param>
    /// <param name="Waiting">Why the VM is held back (image pull, back-off), or null.</param>
    /// <param name="HostIp">The node's address.</param>
    /// <param name="Now">For transition and start times.</param>
    public sealed record Input(ObservedPod Observed, VirtualMachineStatusResponse? Vm, ContainerWaiting? Waiting, string HostIp, DateTimeOffset Now);

    public static PodStatus Convert(Pod pod, Input input)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(input);
        var current = pod.Status;
        var vm = pod.Spec!.VirtualMachine!;
        var power = input.Vm?.PowerState ?? PowerState.Unknown;
        var wantOff = vm.PowerSpec == "Shutdown";
        var policy = pod.Spec.RestartPolicy ?? "Always";
        var ended = power is PowerState.Shutdown or PowerState.Crashed;
        var phase = power switch
        {
            PowerState.Running or PowerState.Paused => "Running",
            _ when ended && !wantOff && policy == "Never" => power == PowerState.Crashed ? "Failed" : "Succeeded",
            _ when ended && !wantOff && policy == "OnFailure" && power == PowerState.Shutdown => "Succeeded",
            _ when ended && !wantOff => "Running",
            _ => "Pending",
        };
        var ready = power == PowerState.Running && input.Vm!.Booted;
        var (reason, message) = NotReady(input, power, wantOff);
        var conditions = new List<PodCondition>();
        conditions.AddRange((current?.Conditions ?? []).Where(c => c.Type is not ("Initialized" or "ContainersReady" or "Ready" or "PodReadyToStartContainers" or VirtualMachineReady)));
        conditions.Add(Condition(current, "PodReadyToStartContainers", input.Observed.SandboxReady, null, input.Now));
        conditions.Add(Condition(current, "Initialized", true, null, input.Now));
        conditions.Add(Condition(current, VirtualMachineReady, ready, ready ? null : (reason, message), input.Now));
        conditions.Add(Condition(current, "ContainersReady", ready, ready ? null : (reason, message), input.Now));
        conditions.Add(Condition(current, "Ready", ready, ready ? null : (reason, message), input.Now));
        var status = new PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = input.HostIp,
            HostIPs = [new HostIp { Ip = input.HostIp }],
            StartTime = current?.StartTime ?? input.Now,
            QosClass = ContainerResourcesFactory.QosClass(pod),
            NominatedNodeName = current?.NominatedNodeName,
            VirtualMachineStatus = VmStatus(pod, input, power, ready, message),
        };
        if (input.Observed.PodIp is { Length: > 0 } ip)
        {
            status.PodIP = ip;
            status.PodIPs = [new PodIp { Ip = ip }];
        }

        return status;
    }

    private static VirtualMachineStatus VmStatus(Pod pod, Input input, PowerState power, bool ready, string? message)
    {
        var vm = pod.Spec!.VirtualMachine!;
        var status = new VirtualMachineStatus
        {
            Name = vm.Name,
            Image = vm.Image,
            ImageID = input.Observed.Latest(vm.Name ?? string.Empty)?.Status.ImageRef is { Length: > 0 } id ? id : null,
            PowerState = power switch
            {
                PowerState.Running => "running",
                PowerState.Paused => "paused",
                PowerState.Shutdown => "shutdown",
                PowerState.Crashed => "crashed",
                _ => "nostate",
            },
            State = power switch
            {
                PowerState.Running => "active",
                PowerState.Paused => "paused",
                PowerState.Shutdown => "stopped",
                PowerState.Crashed => "error",
                _ => "building",
            },
            Ready = ready,
            RestartCount = input.Vm?.RestartCount ?? 0,
            Message = ready ? null : message,
        };
        if (input.Vm is { Vcpus: > 0 } v)
        {
            status.Resources = Resources(v.Vcpus, v.MemoryBytes);
            if (v.PendingVcpus > 0 || v.PendingMemoryBytes > 0)
            {
                status.PendingResources = Resources(v.PendingVcpus > 0 ? v.PendingVcpus : v.Vcpus, v.PendingMemoryBytes > 0 ? v.PendingMemoryBytes : v.MemoryBytes);
            }
        }

        return status;
    }

    private static ResourceRequirements Resources(int vcpus, long memory)
    {
        var values = new Dictionary<string, string>
        {
            ["cpu"] = vcpus.ToString(CultureInfo.InvariantCulture),
            ["memory"] = memory % (1 << 20) == 0 ? $"{(memory >> 20).ToString(CultureInfo.InvariantCulture)}Mi" : memory.ToString(CultureInfo.InvariantCulture),
        };
        return new ResourceRequirements { Requests = new Dictionary<string, string>(values), Limits = values };
    }

    private static (string Reason, string Message) NotReady(Input input, PowerState power, bool wantOff) => power switch
    {
        _ when input.Waiting is { } w => (w.Reason, w.Message ?? w.Reason),
        PowerState.Running => ("GuestBooting", "QEMU runs the guest; waiting for it to show a prompt on its console"),
        PowerState.Paused => ("Paused", "the VM is paused"),
        PowerState.Shutdown when wantOff => ("Shutdown", "the VM is powered off (powerSpec: Shutdown); its disks are kept"),
        PowerState.Shutdown => ("Shutdown", "the guest powered off"),
        PowerState.Crashed => ("Crashed", string.IsNullOrEmpty(input.Vm?.Message) ? "QEMU exited unexpectedly" : $"QEMU exited unexpectedly: {input.Vm!.Message}"),
        PowerState.Created => ("Created", "the VM is created, not started"),
        _ => ("VirtualMachineCreating", "creating the VM"),
    };

    private static PodCondition Condition(PodStatus? current, string type, bool status, (string Reason, string? Message)? why, DateTimeOffset now) =>
        PodStatusConverter.Condition(current, type, status, why, now);
}
