namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>Where a VM is in its life, as the runtime persists it.</summary>
public enum VmPhase
{
    /// <summary>Disk and seed prepared; QEMU never started.</summary>
    Created,

    /// <summary>QEMU runs and the guest's vCPUs run.</summary>
    Running,

    /// <summary>QEMU runs with the guest's vCPUs stopped.</summary>
    Paused,

    /// <summary>QEMU has exited; disks are kept for the next start.</summary>
    Exited,
}
