namespace Ursa.Scheduler.Framework;

/// <summary>What a pod runs, and so which node runtime it needs.</summary>
public enum WorkloadType
{
    Container,
    VirtualMachine,
}
