namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>How QEMU executes guest code.</summary>
public enum QemuAccelerator
{
    /// <summary>Hardware virtualization (/dev/kvm that works).</summary>
    Kvm,

    /// <summary>QEMU's software emulator: slow (about one host core per busy vCPU) but works everywhere.</summary>
    Tcg,
}
