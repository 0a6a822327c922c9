namespace Ursa.Controllers.VirtualMachines;

/// <summary>What the VM power controller does with one pod: release its node now (and why), look again at a
/// time (a lost node's grace runs out), or nothing.</summary>
public readonly record struct VmPowerDecision(string? ReleaseBecause, DateTimeOffset? LookAgainAt)
{
    public static VmPowerDecision None => default;

    public static VmPowerDecision Release(string because) => new(because, null);

    public static VmPowerDecision At(DateTimeOffset when) => new(null, when);
}
