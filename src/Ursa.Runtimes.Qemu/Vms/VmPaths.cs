namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>Where one VM's files live under the runtime's root: <c>ROOT/vms/ID/</c>.</summary>
public sealed class VmPaths(string root, string id)
{
    /// <summary>The VM's directory.</summary>
    public string Directory { get; } = Path.Combine(root, "vms", id);

    public string QmpSocket => Path.Combine(Directory, "qmp.sock");

    public string SerialSocket => Path.Combine(Directory, "serial.sock");

    public string PidFile => Path.Combine(Directory, "qemu.pid");

    /// <summary>QEMU's own stdout and stderr (its errors, e.g. a bad option).</summary>
    public string QemuLog => Path.Combine(Directory, "qemu.log");

    /// <summary>The writable qcow2 overlay on the shared base image.</summary>
    public string RootDisk => Path.Combine(Directory, "root.qcow2");

    /// <summary>The NoCloud seed ISO.</summary>
    public string Seed => Path.Combine(Directory, "seed.iso");

    /// <summary>The persisted <see cref="VmRecord"/>.</summary>
    public string State => Path.Combine(Directory, "state.json");
}
