namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>An internal snapshot (memory and disk, in the root qcow2) the VM has.</summary>
public sealed record VmSnapshotRecord(string Id, string Name, DateTimeOffset CreatedAt);
