using System.Text.Json.Nodes;

namespace Ursa.Qmp;

/// <summary>
/// The QMP commands the VM runtime uses often, as thin typed calls over <see cref="IQmpClient.ExecuteAsync"/>.
/// Anything else: <see cref="IQmpClient.ExecuteAsync"/> with the command's name and arguments.
/// </summary>
public static class QmpCommands
{
    /// <summary><c>query-status</c>.</summary>
    public static async Task<QmpStatus> QueryStatusAsync(this IQmpClient client, CancellationToken cancellationToken = default)
    {
        var reply = await client.ExecuteAsync("query-status", null, cancellationToken);
        return new QmpStatus(reply?["status"]?.GetValue<string>() ?? "", reply?["running"]?.GetValue<bool>() ?? false);
    }

    /// <summary><c>stop</c>: pauses the vCPUs (event <c>STOP</c>).</summary>
    public static Task StopAsync(this IQmpClient client, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("stop", null, cancellationToken);

    /// <summary><c>cont</c>: resumes the vCPUs (event <c>RESUME</c>).</summary>
    public static Task ContAsync(this IQmpClient client, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("cont", null, cancellationToken);

    /// <summary><c>system_reset</c>: a hard reset, as the reset button (event <c>RESET</c>).</summary>
    public static Task SystemResetAsync(this IQmpClient client, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("system_reset", null, cancellationToken);

    /// <summary><c>system_powerdown</c>: an ACPI power-button press; only a guest that handles it shuts down.</summary>
    public static Task SystemPowerdownAsync(this IQmpClient client, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("system_powerdown", null, cancellationToken);

    /// <summary><c>quit</c>, then waits for QEMU to close the connection (it exits right after answering).</summary>
    public static async Task QuitAsync(this IQmpClient client, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ExecuteAsync("quit", null, cancellationToken);
        }
        catch (QmpConnectionException)
        {
            // QEMU may exit before its answer is read: the connection ending is the answer we wanted.
        }

        await client.Closed.WaitAsync(cancellationToken);
    }

    /// <summary><c>query-hotpluggable-cpus</c>: each slot's <c>props</c> (what <c>device_add</c> of a CPU needs) and, when filled, its <c>qom-path</c>.</summary>
    public static async Task<JsonArray> QueryHotpluggableCpusAsync(this IQmpClient client, CancellationToken cancellationToken = default) =>
        await client.ExecuteAsync("query-hotpluggable-cpus", null, cancellationToken) as JsonArray ?? [];

    /// <summary><c>device_add</c> with <paramref name="properties"/> (<c>driver</c>, <c>id</c>, <c>bus</c>, ...).</summary>
    public static Task DeviceAddAsync(this IQmpClient client, JsonObject properties, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("device_add", properties, cancellationToken);

    /// <summary>
    /// <c>device_del</c>, then waits for <c>DEVICE_DELETED</c> with <c>data.device</c> = <paramref name="id"/>
    /// (QEMU only asks the guest; the device is gone when the event says so). Only then may its backend
    /// (netdev, blockdev) be removed.
    /// </summary>
    /// <exception cref="TimeoutException">The device was not released within <paramref name="timeout"/> (on <see cref="IQmpClient.TimeProvider"/>); a guest that ignores the unplug request keeps it.</exception>
    public static async Task DeviceDelAsync(this IQmpClient client, string id, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deleted = client.ExpectEvent("DEVICE_DELETED", e => e.Data["device"]?.GetValue<string>() == id);
        await client.ExecuteAsync("device_del", new JsonObject { ["id"] = id }, cancellationToken);
        using var deadline = new CancellationTokenSource(timeout, client.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await deleted.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"device {id} was not released within {timeout.TotalSeconds:0.#} s of device_del (no DEVICE_DELETED): the guest did not complete the unplug");
        }
    }

    /// <summary><c>netdev_add</c> with <paramref name="properties"/> (<c>type</c>, <c>id</c>, e.g. <c>fd</c> from <see cref="IQmpClient.SendFileDescriptorAsync"/>).</summary>
    public static Task NetdevAddAsync(this IQmpClient client, JsonObject properties, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("netdev_add", properties, cancellationToken);

    /// <summary><c>netdev_del</c>: after the NIC using it is gone (<see cref="DeviceDelAsync"/>).</summary>
    public static Task NetdevDelAsync(this IQmpClient client, string id, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("netdev_del", new JsonObject { ["id"] = id }, cancellationToken);

    /// <summary><c>blockdev-add</c> with <paramref name="options"/> (<c>driver</c>, <c>node-name</c>, <c>file</c>, ...).</summary>
    public static Task BlockdevAddAsync(this IQmpClient client, JsonObject options, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("blockdev-add", options, cancellationToken);

    /// <summary><c>blockdev-del</c>: after the disk device using it is gone (<see cref="DeviceDelAsync"/>).</summary>
    public static Task BlockdevDelAsync(this IQmpClient client, string nodeName, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("blockdev-del", new JsonObject { ["node-name"] = nodeName }, cancellationToken);

    /// <summary><c>query-memory-devices</c>: hot-plugged DIMMs and virtio-mem devices, each <c>{"type":..,"data":{..}}</c>.</summary>
    public static async Task<JsonArray> QueryMemoryDevicesAsync(this IQmpClient client, CancellationToken cancellationToken = default) =>
        await client.ExecuteAsync("query-memory-devices", null, cancellationToken) as JsonArray ?? [];

    /// <summary><c>query-memory-size-summary</c>: boot memory and hot-plugged memory, in bytes.</summary>
    public static async Task<QmpMemorySize> QueryMemorySizeSummaryAsync(this IQmpClient client, CancellationToken cancellationToken = default)
    {
        var reply = await client.ExecuteAsync("query-memory-size-summary", null, cancellationToken);
        return new QmpMemorySize(reply?["base-memory"]?.GetValue<long>() ?? 0, reply?["plugged-memory"]?.GetValue<long>() ?? 0);
    }

    /// <summary>
    /// <see cref="IQmpClient.SendFileDescriptorAsync"/> for a handle: the handle is kept alive (not closed under us)
    /// while its descriptor is sent.
    /// </summary>
    public static async Task SendFileDescriptorAsync(this IQmpClient client, string fdName, System.Runtime.InteropServices.SafeHandle handle, CancellationToken cancellationToken = default)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            await client.SendFileDescriptorAsync(fdName, (int)handle.DangerousGetHandle(), cancellationToken);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary><c>closefd</c>: QEMU closes a descriptor received with <c>getfd</c> that nothing took.</summary>
    public static Task CloseFileDescriptorAsync(this IQmpClient client, string fdName, CancellationToken cancellationToken = default) =>
        client.ExecuteAsync("closefd", new JsonObject { ["fdname"] = fdName }, cancellationToken);
}
