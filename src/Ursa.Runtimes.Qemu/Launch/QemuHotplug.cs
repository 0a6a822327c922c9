using System.Globalization;
using System.Text.Json.Nodes;

namespace Ursa.Runtimes.Qemu.Launch;

/// <summary>
/// Pure: the QMP arguments of live hot-plug (disks, NICs, CPUs, DIMMs), with the same ids as the command line
/// (<see cref="QemuCommandLine"/>) gives cold-plugged devices, so a device is detached the same way whichever way
/// it came in.
/// </summary>
public static class QemuHotplug
{
    /// <summary>Linux onlines hot-added memory in blocks of 128 MiB (x86-64): a DIMM must be a multiple of it.</summary>
    public const long MemoryBlockBytes = 128L << 20;

    /// <summary><c>blockdev-add</c> arguments of <paramref name="disk"/>.</summary>
    public static JsonObject Blockdev(QemuDisk disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        return new JsonObject
        {
            ["driver"] = disk.Format,
            ["node-name"] = disk.NodeName,
            ["read-only"] = disk.ReadOnly,
            ["file"] = new JsonObject { ["driver"] = disk.FileDriver, ["filename"] = disk.Path },
        };
    }

    /// <summary><c>device_add</c> of <paramref name="disk"/>'s virtio-blk device on root port <paramref name="bus"/>.</summary>
    public static JsonObject DiskDevice(QemuDisk disk, string bus)
    {
        ArgumentNullException.ThrowIfNull(disk);
        return new JsonObject { ["driver"] = "virtio-blk-pci", ["id"] = disk.DeviceId, ["drive"] = disk.NodeName, ["bus"] = bus };
    }

    /// <summary><c>netdev_add</c> arguments: QEMU opens the tap by name (it runs in the pod's namespace).</summary>
    public static JsonObject Netdev(QemuNic nic)
    {
        ArgumentNullException.ThrowIfNull(nic);
        return new JsonObject { ["type"] = "tap", ["id"] = nic.NetdevId, ["ifname"] = nic.TapName, ["script"] = "no", ["downscript"] = "no" };
    }

    /// <summary><c>device_add</c> of <paramref name="nic"/>'s virtio-net device on root port <paramref name="bus"/>.</summary>
    public static JsonObject NicDevice(QemuNic nic, string bus)
    {
        ArgumentNullException.ThrowIfNull(nic);
        return new JsonObject { ["driver"] = "virtio-net-pci", ["id"] = nic.DeviceId, ["netdev"] = nic.NetdevId, ["mac"] = nic.MacAddress, ["bus"] = bus };
    }

    /// <summary>The id of DIMM number <paramref name="index"/> (0-based within one QEMU run); its backend is <c>mem-</c> + id.</summary>
    public static string DimmId(int index) => "dimm" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>object-add</c> of the RAM backend of DIMM <paramref name="dimmId"/>.</summary>
    public static JsonObject MemoryBackend(string dimmId, long bytes) =>
        new() { ["qom-type"] = "memory-backend-ram", ["id"] = "mem-" + dimmId, ["size"] = bytes };

    /// <summary><c>device_add</c> of DIMM <paramref name="dimmId"/> on its backend.</summary>
    public static JsonObject DimmDevice(string dimmId) =>
        new() { ["driver"] = "pc-dimm", ["id"] = dimmId, ["memdev"] = "mem-" + dimmId };

    /// <summary>
    /// The <c>device_add</c> arguments that bring the guest from the CPUs present in <paramref name="hotpluggable"/>
    /// (the reply of <c>query-hotpluggable-cpus</c>; a slot with a <c>qom-path</c> is filled) to
    /// <paramref name="target"/> vCPUs, filling empty slots lowest topology first. Empty when nothing is missing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More vCPUs than slots (<c>maxcpus</c>).</exception>
    public static IReadOnlyList<JsonObject> CpuDevices(JsonArray hotpluggable, int target)
    {
        ArgumentNullException.ThrowIfNull(hotpluggable);
        var slots = hotpluggable.OfType<JsonObject>().ToList();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, slots.Count);
        var present = slots.Count(s => s["qom-path"] is not null);
        return [.. slots
            .Where(s => s["qom-path"] is null)
            .OrderBy(s => Topology(s, "socket-id")).ThenBy(s => Topology(s, "die-id")).ThenBy(s => Topology(s, "core-id")).ThenBy(s => Topology(s, "thread-id"))
            .Take(Math.Max(0, target - present))
            .Select(CpuDevice)];
    }

    private static JsonObject CpuDevice(JsonObject slot)
    {
        var props = slot["props"]?.AsObject() ?? [];
        var device = new JsonObject
        {
            ["driver"] = slot["type"]?.GetValue<string>() ?? throw new ArgumentException("a hot-pluggable CPU slot without a type", nameof(slot)),
            ["id"] = "cpu-" + string.Join('-', new[] { "socket-id", "die-id", "core-id", "thread-id" }.Where(k => props[k] is not null).Select(k => Topology(slot, k).ToString(CultureInfo.InvariantCulture))),
        };
        foreach (var (key, value) in props)
        {
            device[key] = value?.DeepClone();
        }

        return device;
    }

    private static long Topology(JsonObject slot, string key) => slot["props"]?[key]?.GetValue<long>() ?? 0;

    /// <summary>The lowest of hot-plug ports 1..<paramref name="ports"/> not in <paramref name="used"/>, or null when all are taken.</summary>
    public static int? FreePort(int ports, IEnumerable<int> used)
    {
        var taken = used.ToHashSet();
        return Enumerable.Range(1, Math.Max(0, ports)).Cast<int?>().FirstOrDefault(p => !taken.Contains(p!.Value));
    }
}
