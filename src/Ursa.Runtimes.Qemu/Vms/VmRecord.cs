namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// What the runtime remembers of one VM across its own restarts (<c>state.json</c>): identity, the request it was
/// created from, and the state QMP events last told. Mutated only under the VM's lock, then saved.
/// </summary>
public sealed class VmRecord
{
    public required string Id { get; init; }

    public required string SandboxId { get; init; }

    /// <summary>The CreateVirtualMachineRequest, protobuf bytes (config, labels, annotations, log path).</summary>
    public required byte[] Request { get; init; }

    public VmPhase Phase { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? BootedAt { get; set; }

    public int ExitCode { get; set; }

    /// <summary>Why the VM last exited: <c>Shutdown</c> (guest or requested power-off), <c>Stopped</c> (hard stop), <c>Crashed</c>.</summary>
    public string? Reason { get; set; }

    public string? Message { get; set; }

    /// <summary>How many times QEMU was started again after the first start.</summary>
    public int RestartCount { get; set; }

    public int Pid { get; set; }

    public string? Accelerator { get; set; }

    public int Vcpus { get; set; }

    public long MemoryBytes { get; set; }

    /// <summary>What the next start applies (a resize that could not be done live); 0: nothing.</summary>
    public int PendingVcpus { get; set; }

    public long PendingMemoryBytes { get; set; }

    public List<VmNicRecord> Nics { get; set; } = [];

    public List<VmDiskRecord> Disks { get; set; } = [];

    public List<VmSnapshotRecord> Snapshots { get; set; } = [];

    /// <summary>Memory added live as DIMMs (ids <c>dimmN</c>), in bytes each.</summary>
    public List<long> Dimms { get; set; } = [];
}
