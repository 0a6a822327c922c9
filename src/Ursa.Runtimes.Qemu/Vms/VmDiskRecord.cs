namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>An extra disk the VM has: its name, host path, mode, requested guest path and hot-plug port (0: from start).</summary>
public sealed record VmDiskRecord(string Name, string HostPath, bool ReadOnly, string DevicePath, int Port);
