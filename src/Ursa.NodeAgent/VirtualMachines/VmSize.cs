namespace Ursa.NodeAgent.VirtualMachines;

/// <summary>A guest's size: whole vCPUs and memory in bytes.</summary>
public readonly record struct VmSize(int Vcpus, long MemoryBytes);
