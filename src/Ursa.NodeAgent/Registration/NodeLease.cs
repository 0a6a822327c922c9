using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Ursa.Api.Coordination;
using Ursa.Client.Rest;

namespace Ursa.NodeAgent.Registration;

/// <summary>
/// The node's heartbeat: a Lease named after the node in <c>kube-node-lease</c> (system tenant), renewed every
/// interval. The node lifecycle controller reads its renewTime; a missing Lease is created.
/// </summary>
public sealed partial class NodeLease(IApiClient client, string nodeName, TimeSpan duration, TimeProvider time, ILogger logger)
{
    /// <summary>Renews once; returns false (and logs) when the API server did not take it.</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seconds = (int)duration.TotalSeconds;
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = nodeName,
                ["leaseDurationSeconds"] = seconds,
                ["renewTime"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            },
        }.ToJsonString();
        try
        {
            try
            {
                await client.PatchAsync<Lease>(ResourceRef.Leases, "system", "kube-node-lease", nodeName, PatchType.Merge, patch, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiStatusException e) when (e.IsNotFound)
            {
                var lease = new Lease
                {
                    Metadata = new ObjectMeta { Name = nodeName, Namespace = "kube-node-lease", Tenant = "system" },
                    Spec = new LeaseSpec { HolderIdentity = nodeName, LeaseDurationSeconds = seconds, RenewTime = now, AcquireTime = now },
                };
                await client.CreateAsync(ResourceRef.Leases, lease, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is ApiStatusException or HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.RenewFailed(logger, nodeName, e.Message);
            return false;
        }
    }

    /// <summary>Renews every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "Lease renewal for node {Node} failed: {Reason}")]
        public static partial void RenewFailed(ILogger logger, string node, string reason);
    }
}
