using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ursa.Grpc;
using Ursa.Qmp;

namespace Ursa.Runtimes.Qemu.Vms;

public sealed partial class VmInstance
{
    private const string RootNode = "disk-root";

    /// <summary>
    /// Takes an internal snapshot of a running VM (memory and disk, in its root qcow2) with QEMU's
    /// <c>snapshot-save</c> job; of a stopped VM, the disk alone with <c>qemu-img snapshot</c>.
    /// </summary>
    public async Task<VmSnapshotRecord> CreateSnapshotAsync(string name, ICommandRunner runner, CancellationToken cancellationToken)
    {
        var snapshot = new VmSnapshotRecord("snap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), string.IsNullOrEmpty(name) ? string.Empty : name, _time.GetUtcNow());
        await OnDiskOrLiveAsync("snapshot", runner, ["snapshot", "-c", snapshot.Id], qmp => qmp.RunJobAsync("snapshot-save", SnapshotArgs(snapshot.Id, "save", withState: true), null, cancellationToken), cancellationToken).ConfigureAwait(false);
        await UpdateAsync(r => r.Snapshots.Add(snapshot), cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Brings the VM back to snapshot <paramref name="id"/>: memory and disk when running, the disk when stopped.</summary>
    public async Task RestoreSnapshotAsync(string id, ICommandRunner runner, CancellationToken cancellationToken)
    {
        Known(id);
        await OnDiskOrLiveAsync("restore", runner, ["snapshot", "-a", id], qmp => qmp.RunJobAsync("snapshot-load", SnapshotArgs(id, "load", withState: true), null, cancellationToken), cancellationToken).ConfigureAwait(false);
        _console?.Boot.Reset();
        _console?.Boot.Observe("login: "u8);
    }

    /// <summary>Deletes snapshot <paramref name="id"/>.</summary>
    public async Task DeleteSnapshotAsync(string id, ICommandRunner runner, CancellationToken cancellationToken)
    {
        Known(id);
        await OnDiskOrLiveAsync("delete snapshot", runner, ["snapshot", "-d", id], qmp => qmp.RunJobAsync("snapshot-delete", SnapshotArgs(id, "delete", withState: false), null, cancellationToken), cancellationToken).ConfigureAwait(false);
        await UpdateAsync(r => r.Snapshots.RemoveAll(s => s.Id == id), cancellationToken).ConfigureAwait(false);
    }

    private void Known(string id)
    {
        if (Record.Snapshots.All(s => s.Id != id))
        {
            throw new GrpcException(GrpcStatusCode.NotFound, $"VM {Id} has no snapshot \"{id}\" (it has: {string.Join(", ", Record.Snapshots.Select(s => s.Id).DefaultIfEmpty("none"))})");
        }
    }

    private static JsonObject SnapshotArgs(string tag, string verb, bool withState)
    {
        var args = new JsonObject
        {
            ["job-id"] = $"{verb}-{tag}",
            ["tag"] = tag,
            ["devices"] = new JsonArray(RootNode),
        };
        if (withState)
        {
            args["vmstate"] = RootNode;
        }

        return args;
    }

    private async Task OnDiskOrLiveAsync(string what, ICommandRunner runner, string[] qemuImgArgs, Func<IQmpClient, Task> live, CancellationToken cancellationToken)
    {
        await _operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Record.Phase is VmPhase.Running or VmPhase.Paused && _qmp is { } qmp)
            {
                _inSnapshotJob = true;
                try
                {
                    await live(qmp).ConfigureAwait(false);
                }
                catch (QmpException e)
                {
                    throw new GrpcException(GrpcStatusCode.Internal, $"{what} of VM {Id} failed: {e.Message}");
                }
                finally
                {
                    _inSnapshotJob = false;
                }

                return;
            }

            var result = await runner.RunAsync(new CommandLine("/usr/bin/qemu-img", [.. qemuImgArgs, Paths.RootDisk]), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new GrpcException(GrpcStatusCode.Internal, $"{what} of stopped VM {Id} failed: {result.StandardError.Trim()}");
            }
        }
        finally
        {
            _operation.Release();
        }
    }
}
