using Ursa.Grpc;
using Ursa.Qmp;

namespace Ursa.Runtimes.Qemu.Vms;

public sealed partial class VmInstance
{
    /// <summary>
    /// Stops the VM: an ACPI power-down the guest may honour within <paramref name="timeout"/>, then a hard stop.
    /// Idempotent; returns once QEMU has exited.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Record.Phase is not (VmPhase.Running or VmPhase.Paused) || _qmp is not { } qmp)
            {
                return;
            }

            _stopping = true;
            if (timeout > TimeSpan.Zero)
            {
                try
                {
                    if (Record.Phase == VmPhase.Paused)
                    {
                        await qmp.ContAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await qmp.SystemPowerdownAsync(cancellationToken).ConfigureAwait(false);
                    await _exited.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
                catch (Exception e) when (e is QmpException or QmpConnectionException)
                {
                    Log.OperationFailed(_logger, Id, "power-down", e.Message);
                }
            }

            if (!_exited.Task.IsCompleted)
            {
                await QuitQuietlyAsync().ConfigureAwait(false);
                try
                {
                    await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    KillQuietly(Record.Pid);
                    await _exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await _watch.ConfigureAwait(false);
        }
        finally
        {
            _operation.Release();
        }
    }

    /// <summary>Stops the guest's vCPUs (QMP <c>stop</c>).</summary>
    public Task PauseAsync(CancellationToken cancellationToken) => RunningAsync("pause", async qmp =>
    {
        await qmp.StopAsync(cancellationToken).ConfigureAwait(false);
        await UpdateAsync(r => r.Phase = VmPhase.Paused, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Resumes the guest's vCPUs (QMP <c>cont</c>).</summary>
    public Task ResumeAsync(CancellationToken cancellationToken) => RunningAsync("resume", async qmp =>
    {
        await qmp.ContAsync(cancellationToken).ConfigureAwait(false);
        await UpdateAsync(r => r.Phase = VmPhase.Running, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Resets the guest (QMP <c>system_reset</c>); it boots again from its disk.</summary>
    public Task RebootAsync(CancellationToken cancellationToken) => RunningAsync("reboot", async qmp =>
    {
        using var reset = qmp.ExpectEvent("RESET");
        await qmp.SystemResetAsync(cancellationToken).ConfigureAwait(false);
        await reset.WaitAsync(cancellationToken).ConfigureAwait(false);
        _console?.Boot.Reset();
        await UpdateAsync(r => r.BootedAt = null, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Runs <paramref name="action"/> under the operation lock on a running (or paused) VM.</summary>
    private async Task RunningAsync(string what, Func<IQmpClient, Task> action, CancellationToken cancellationToken)
    {
        await _operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Record.Phase is not (VmPhase.Running or VmPhase.Paused) || _qmp is not { } qmp)
            {
                throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"cannot {what} VM {Id}: it is {Record.Phase.ToString().ToLowerInvariant()}, not running");
            }

            try
            {
                await action(qmp).ConfigureAwait(false);
            }
            catch (QmpException e)
            {
                throw new GrpcException(GrpcStatusCode.FailedPrecondition, $"{what} of VM {Id} failed: {e.Message}");
            }
        }
        finally
        {
            _operation.Release();
        }
    }
}
