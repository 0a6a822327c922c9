namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>A NIC the VM has: its name, guest MAC, tap in the pod namespace and hot-plug port (0: present from start).</summary>
public sealed record VmNicRecord(string Name, string MacAddress, string TapName, int Port);
