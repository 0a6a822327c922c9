using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Qmp;
using Ursa.Runtimes.Qemu.Launch;

namespace Ursa.Runtimes.Qemu.Vms;

public sealed partial class VmInstance
{
    private const int HotplugPorts = QemuLaunchSpec.DefaultHotplugPorts;

    /// <summary>
    /// Adds a NIC: a tap on the pod bridge, then <c>netdev_add</c> + <c>device_add</c> on a free hot-plug port
    /// while QEMU runs; recorded either way, so the next start has it. A name the VM has already: nothing to do.
    /// </summary>
    public Task AttachNicAsync(VirtualMachineNic nic, CancellationToken cancellationToken) => DeviceOperationAsync(async qmp =>
    {
        ValidateName(nic.Name, "nic");
        if (Record.Nics.Any(n => n.Name == nic.Name))
        {
            return;
        }

        var mac = string.IsNullOrEmpty(nic.MacAddress) ? VmManager.MacFor(Id, nic.Name) : nic.MacAddress.ToLowerInvariant();
        if (!MacPattern().IsMatch(mac) || (Convert.ToByte(mac[..2], 16) & 1) != 0)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"nic {nic.Name}: \"{nic.MacAddress}\" is not a unicast MAC address (xx:xx:xx:xx:xx:xx)");
        }

        if (Record.Nics.FirstOrDefault(n => n.MacAddress == mac) is { } clash)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"nic {nic.Name}: MAC {mac} is already nic {clash.Name}'s");
        }

        var ns = Sandbox.Namespace ?? throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"VM {Id} has no pod network namespace to add a tap to");
        var tap = Enumerable.Range(1, 1000).Select(i => "tap" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).First(t => Record.Nics.All(n => n.TapName != t));
        var record = new VmNicRecord(nic.Name, mac, tap, 0);
        if (qmp is not null)
        {
            var port = FreePort(nic.Name);
            var device = ToQemuNic(record);
            await _network.AddTapAsync(ns, tap, cancellationToken).ConfigureAwait(false);
            try
            {
                await qmp.NetdevAddAsync(QemuHotplug.Netdev(device), cancellationToken).ConfigureAwait(false);
                try
                {
                    await qmp.DeviceAddAsync(QemuHotplug.NicDevice(device, QemuCommandLine.HotplugPort(port)), cancellationToken).ConfigureAwait(false);
                }
                catch (QmpException)
                {
                    await QuietlyAsync(() => qmp.NetdevDelAsync(device.NetdevId, CancellationToken.None)).ConfigureAwait(false);
                    throw;
                }
            }
            catch (QmpException)
            {
                await _network.RemoveTapAsync(ns, tap, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            record = record with { Port = port };
        }

        await UpdateAsync(r => r.Nics.Add(record), cancellationToken).ConfigureAwait(false);
        Log.Attached(_logger, Id, "nic", nic.Name, record.Port);
    }, "attach nic " + nic.Name, cancellationToken);

    /// <summary>Removes a NIC: unplugged (waiting for the guest to release it), its netdev and tap removed, the record updated.</summary>
    public Task DetachNicAsync(string name, CancellationToken cancellationToken) => DeviceOperationAsync(async qmp =>
    {
        var nic = Record.Nics.FirstOrDefault(n => n.Name == name)
            ?? throw new GrpcException(GrpcStatusCode.NotFound, $"VM {Id} has no nic \"{name}\" (it has: {string.Join(", ", Record.Nics.Select(n => n.Name))})");
        if (ReferenceEquals(nic, Record.Nics[0]))
        {
            throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"nic {name} is VM {Id}'s primary NIC (the pod network): it cannot be detached");
        }

        var device = ToQemuNic(nic);
        if (qmp is not null)
        {
            await UnplugAsync(qmp, device.DeviceId, "nic " + name, cancellationToken).ConfigureAwait(false);
            await IgnoringNotFoundAsync(() => qmp.NetdevDelAsync(device.NetdevId, cancellationToken)).ConfigureAwait(false);
        }

        if (Sandbox.Namespace is { } ns)
        {
            await _network.RemoveTapAsync(ns, nic.TapName, cancellationToken).ConfigureAwait(false);
        }

        await UpdateAsync(r => r.Nics.RemoveAll(n => n.Name == name), cancellationToken).ConfigureAwait(false);
        Log.Detached(_logger, Id, "nic", name);
    }, "detach nic " + name, cancellationToken);

    /// <summary>
    /// Adds a disk (a host file or block device, qcow2 or raw): <c>blockdev-add</c> + <c>device_add</c> on a free
    /// hot-plug port while QEMU runs; recorded either way. A name the VM has already: nothing to do.
    /// </summary>
    public Task AttachDiskAsync(VirtualMachineDisk disk, CancellationToken cancellationToken) => DeviceOperationAsync(async qmp =>
    {
        ValidateName(disk.Name, "disk");
        if (disk.Name is "root" or "cidata")
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"disk name \"{disk.Name}\" is reserved (the root disk and the NoCloud seed)");
        }

        if (Record.Disks.Any(d => d.Name == disk.Name))
        {
            return;
        }

        if (string.IsNullOrEmpty(disk.HostPath) || !Path.IsPathFullyQualified(disk.HostPath) || !File.Exists(disk.HostPath))
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"disk {disk.Name}: host path \"{disk.HostPath}\" is not an existing file or block device (absolute path)");
        }

        var record = new VmDiskRecord(disk.Name, disk.HostPath, disk.ReadOnly, disk.DevicePath, 0);
        if (qmp is not null)
        {
            var port = FreePort(disk.Name);
            var device = ToQemuDisk(record);
            await qmp.BlockdevAddAsync(QemuHotplug.Blockdev(device), cancellationToken).ConfigureAwait(false);
            try
            {
                await qmp.DeviceAddAsync(QemuHotplug.DiskDevice(device, QemuCommandLine.HotplugPort(port)), cancellationToken).ConfigureAwait(false);
            }
            catch (QmpException)
            {
                await QuietlyAsync(() => qmp.BlockdevDelAsync(device.NodeName, CancellationToken.None)).ConfigureAwait(false);
                throw;
            }

            record = record with { Port = port };
        }

        await UpdateAsync(r => r.Disks.Add(record), cancellationToken).ConfigureAwait(false);
        Log.Attached(_logger, Id, "disk", disk.Name, record.Port);
    }, "attach disk " + disk.Name, cancellationToken);

    /// <summary>Removes a disk: unplugged (waiting for the guest to release it), its block node closed, the record updated.</summary>
    public Task DetachDiskAsync(string name, CancellationToken cancellationToken) => DeviceOperationAsync(async qmp =>
    {
        var disk = Record.Disks.FirstOrDefault(d => d.Name == name)
            ?? throw new GrpcException(GrpcStatusCode.NotFound, $"VM {Id} has no disk \"{name}\" (it has: {string.Join(", ", Record.Disks.Select(d => d.Name).DefaultIfEmpty("none"))})");
        if (qmp is not null)
        {
            var device = ToQemuDisk(disk);
            await UnplugAsync(qmp, device.DeviceId, "disk " + name, cancellationToken).ConfigureAwait(false);
            await IgnoringNotFoundAsync(() => qmp.BlockdevDelAsync(device.NodeName, cancellationToken)).ConfigureAwait(false);
        }

        await UpdateAsync(r => r.Disks.RemoveAll(d => d.Name == name), cancellationToken).ConfigureAwait(false);
        Log.Detached(_logger, Id, "disk", name);
    }, "detach disk " + name, cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> under the operation lock with the QMP client while QEMU runs (running or
    /// paused), or null while it does not (created, exited): then only the record changes, for the next start.
    /// </summary>
    private async Task<T> DeviceOperationAsync<T>(Func<IQmpClient?, Task<T>> action, string what, CancellationToken cancellationToken)
    {
        await _operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var qmp = Record.Phase is VmPhase.Running or VmPhase.Paused ? _qmp : null;
            try
            {
                return await action(qmp).ConfigureAwait(false);
            }
            catch (QmpException e)
            {
                throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"{what} on VM {Id} failed: {e.Message}");
            }
        }
        finally
        {
            _operation.Release();
        }
    }

    private Task DeviceOperationAsync(Func<IQmpClient?, Task> action, string what, CancellationToken cancellationToken) =>
        DeviceOperationAsync<bool>(async qmp =>
        {
            await action(qmp).ConfigureAwait(false);
            return true;
        }, what, cancellationToken);

    /// <summary>The lowest hot-plug port no live-attached device holds.</summary>
    private int FreePort(string name) =>
        QemuHotplug.FreePort(HotplugPorts, Record.Nics.Select(n => n.Port).Concat(Record.Disks.Select(d => d.Port)))
        ?? throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"cannot attach {name} to VM {Id} live: all {HotplugPorts} hot-plug ports reserved at start are in use (detach a device, or restart the VM to move live-attached devices to ports of their own)");

    /// <summary>
    /// <c>device_del</c> and the wait for <c>DEVICE_DELETED</c> (QEMU only asks the guest: with native PCIe
    /// hot-plug Linux waits 5 s after the attention button, then powers the slot off). A device already gone (a
    /// guest that completed an earlier, timed-out unplug late) counts as unplugged; one whose unplug is still in
    /// progress is waited for.
    /// </summary>
    private async Task UnplugAsync(IQmpClient qmp, string deviceId, string what, CancellationToken cancellationToken)
    {
        using var deleted = qmp.ExpectEvent("DEVICE_DELETED", e => e.Data["device"]?.GetValue<string>() == deviceId);
        try
        {
            await qmp.ExecuteAsync("device_del", new System.Text.Json.Nodes.JsonObject { ["id"] = deviceId }, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpException e) when (e.Class == "DeviceNotFound")
        {
            return;
        }
        catch (QmpException e) when (UnplugInProgress(e))
        {
            // The guest is acting on an earlier request (its driver already let go, the slot not yet powered
            // off): a second attention-button press would cancel it, so only wait for the end.
        }

        try
        {
            await deleted.WaitAsync(cancellationToken).WaitAsync(_options.UnplugTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"{what} of VM {Id} is still attached: the guest did not release it within {_options.UnplugTimeout.TotalSeconds:0} s of device_del (no DEVICE_DELETED; a guest that is paused, still booting or without PCIe hot-plug support keeps it); retry the detach once the guest has released it");
        }
    }

    // QEMU 7.2's words for a device whose unplug the guest is still carrying out.
    private static bool UnplugInProgress(QmpException e) =>
        e.Description.Contains("power indicator blinking", StringComparison.Ordinal) || e.Description.Contains("already in the process of unplug", StringComparison.Ordinal);

    /// <summary>Removes a backend whose device is gone; one already removed (an earlier detach that failed half-way) is fine.</summary>
    private static async Task IgnoringNotFoundAsync(Func<Task> remove)
    {
        try
        {
            await remove().ConfigureAwait(false);
        }
        catch (QmpException e) when (e.Class == "DeviceNotFound" || e.Description.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
        }
    }

    private static async Task QuietlyAsync(Func<Task> undo)
    {
        try
        {
            await undo().ConfigureAwait(false);
        }
        catch (Exception e) when (e is QmpException or QmpConnectionException)
        {
        }
    }

    private static void ValidateName(string name, string kind)
    {
        if (!NamePattern().IsMatch(name ?? string.Empty))
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, $"{kind} name \"{name}\" must be 1-63 letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
    }

    /// <summary>How a recorded NIC is given to QEMU: every NIC but the primary one is detachable.</summary>
    private QemuNic ToQemuNic(VmNicRecord nic) => new(nic.Name, nic.TapName, nic.MacAddress) { Detachable = Record.Nics.Count == 0 || !ReferenceEquals(nic, Record.Nics[0]) };

    private static QemuDisk ToQemuDisk(VmDiskRecord disk) =>
        new(disk.Name, disk.HostPath, DetectFormat(disk.HostPath), disk.ReadOnly) { Detachable = true, HostDevice = IsHostDevice(disk.HostPath) };

    // Block devices live under /dev (through symlinks like /dev/disk/by-id/...); .NET reports no file type.
    private static bool IsHostDevice(string path)
    {
        var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        return target.StartsWith("/dev/", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^([0-9a-f]{2}:){5}[0-9a-f]{2}$")]
    private static partial Regex MacPattern();

    private static partial class Log
    {
        [LoggerMessage(740, LogLevel.Information, "VM {Vm}: {Kind} {Name} attached (hot-plug port {Port}; 0: at next start)")]
        public static partial void Attached(ILogger logger, string vm, string kind, string name, int port);

        [LoggerMessage(741, LogLevel.Information, "VM {Vm}: {Kind} {Name} detached")]
        public static partial void Detached(ILogger logger, string vm, string kind, string name);
    }
}
