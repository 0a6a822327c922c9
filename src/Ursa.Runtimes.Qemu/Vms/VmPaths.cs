namespace Ursa.Runtimes.Qemu.Vms;

/// <summary>
/// Where one VM's files live: disks and state under the runtime's root (<c>ROOT/vms/ID/</c>), sockets under a
/// short run directory (<c>/run/ursa-vm/ROOTHASH/</c>): a unix socket path must stay under 108 bytes, and a root
/// deep in a temporary directory plus a 64-character id would not.
/// </summary>
public sealed class VmPaths(string root, string id)
{
    /// <summary>The VM's directory.</summary>
    public string Directory { get; } = Path.Combine(root, "vms", id);

    /// <summary>This runtime root's socket directory (a hash of the root, so two runtimes never share one).</summary>
    public string SocketDirectory { get; } = Path.Combine("/run/ursa-vm", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(root))))[..12]);

    public string QmpSocket => Path.Combine(SocketDirectory, id[..Math.Min(16, id.Length)] + ".qmp");

    public string SerialSocket => Path.Combine(SocketDirectory, id[..Math.Min(16, id.Length)] + ".serial");

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
