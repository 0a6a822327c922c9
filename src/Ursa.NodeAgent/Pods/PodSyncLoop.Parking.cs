using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.NodeAgent.VirtualMachines;

namespace Ursa.NodeAgent.Pods;

public sealed partial class PodSyncLoop
{
    /// <summary>How often parked VMs are checked against the API (one GET each): a deleted pod's parked disk goes
    /// within this long. Parked pods are few and stopped, so minutes of delay would do; 10 s keeps tests short.</summary>
    private static readonly TimeSpan ParkedCheckInterval = TimeSpan.FromSeconds(10);

    // uid → key of VM pods that released this node powered off; their sandbox and stopped VM stay (VmParking).
    private readonly ConcurrentDictionary<string, string> _parked = new(StringComparer.Ordinal);

    // Keys of VM pods that just left the watch: only those are looked up before their runtime objects go.
    private readonly ConcurrentDictionary<string, byte> _departedVms = new(StringComparer.Ordinal);
    private long _lastParkedCheck;

    /// <summary>Uids of the VM pods parked on this node.</summary>
    public IReadOnlyCollection<string> ParkedPods => [.. _parked.Keys];

    /// <summary>
    /// A pod with runtime objects here left the watch (or was never seen): when it is a VM pod that released this
    /// node, or is bound here again, park it instead of removing it. True when parked.
    /// </summary>
    private async Task<bool> TryParkAsync(string key, string uid, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(key, cancellationToken).ConfigureAwait(false);
        if (!VmParking.Keep(current, uid, _options.NodeName))
        {
            return false;
        }

        _parked[uid] = key;
        foreach (var runtime in _registry.Runtimes)
        {
            await _syncer.ParkAsync(current!, runtime.Runtime, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Every <see cref="ParkedCheckInterval"/>: a parked VM whose pod was deleted or runs elsewhere now goes.</summary>
    private async Task CheckParkedAsync(CancellationToken cancellationToken)
    {
        if (_parked.IsEmpty || _time.GetElapsedTime(Interlocked.Read(ref _lastParkedCheck)) < ParkedCheckInterval)
        {
            return;
        }

        Interlocked.Exchange(ref _lastParkedCheck, _time.GetTimestamp());
        foreach (var (uid, key) in _parked)
        {
            if (_keyByUid.ContainsKey(uid))
            {
                // Bound here again: the sync loop has adopted it.
                _parked.TryRemove(uid, out _);
                continue;
            }

            if (VmParking.Keep(await CurrentAsync(key, cancellationToken).ConfigureAwait(false), uid, _options.NodeName))
            {
                continue;
            }

            _parked.TryRemove(uid, out _);
            Log.Unparked(_logger, key);
            foreach (var runtime in _registry.Runtimes)
            {
                await _syncer.CleanupAsync(uid, runtime.Runtime, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Pod?> CurrentAsync(string key, CancellationToken cancellationToken)
    {
        var (tenant, ns, name) = ObjectKeys.Split(key);
        try
        {
            return await _client.GetAsync<Pod>(ResourceRef.Pods, tenant, ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(442, LogLevel.Information, "Parked VM pod {Key} was deleted or runs on another node; removing its sandbox and disks here")]
        public static partial void Unparked(ILogger logger, string key);
    }
}
