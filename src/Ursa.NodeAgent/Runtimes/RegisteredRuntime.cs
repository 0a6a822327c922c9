using Ursa.Cri;

namespace Ursa.NodeAgent.Runtimes;

/// <summary>One runtime of the registry: its entry and its CRI services.</summary>
public sealed class RegisteredRuntime(RuntimeEndpointSpec spec, IRuntimeService runtime, IImageService images)
{
    public RuntimeEndpointSpec Spec { get; } = spec;

    /// <summary>Sandboxes, containers, exec.</summary>
    public IRuntimeService Runtime { get; } = runtime;

    /// <summary>The VM extension, when the runtime serves one (a VM runtime).</summary>
    public IVirtualMachineService? VirtualMachines { get; } = spec.WorkloadType == WorkloadType.Vm ? runtime as IVirtualMachineService : null;

    /// <summary>Image pulls and lookups.</summary>
    public IImageService Images { get; } = images;

    /// <summary>The last probe's result (not ready until probed).</summary>
    public RuntimeHealth Health { get; internal set; } = new(spec, false, null, "NotProbed", "not probed yet");
}
