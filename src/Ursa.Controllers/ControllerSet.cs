using Microsoft.Extensions.Logging;
using Ursa.Client.Informers;
using Ursa.Client.Rest;
using Ursa.Controllers.Deployments;
using Ursa.Controllers.GarbageCollection;
using Ursa.Controllers.Jobs;
using Ursa.Controllers.NodeLifecycle;
using Ursa.Controllers.ReplicaSets;
using Ursa.Controllers.VirtualMachines;

namespace Ursa.Controllers;

/// <summary>
/// Every workload controller, run together over one API client: in-process by <c>ursa server</c>/<c>up</c>, or
/// out of process by <c>ursa controller-manager</c>. Namespace emptying and tenant bootstrap stay in the API
/// server (NamespaceCleaner, TenantBootstrap), so they are not repeated here. The controllers share their informers
/// (<see cref="SharedInformers"/>): one watch of pods for all of them, not one each.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="time">The clock.</param>
/// <param name="loggers">Logs.</param>
/// <param name="nodeLifecycle">Node lifecycle tuning (grace periods).</param>
/// <param name="sharedInformers">Informers shared with other components of this process (the in-process scheduler), which
/// the caller starts after every component took its own; null = the set lists, watches and runs its own.</param>
public sealed class ControllerSet(IApiClient client, TimeProvider time, ILoggerFactory loggers, NodeLifecycleOptions? nodeLifecycle = null, SharedInformers? sharedInformers = null)
{
    /// <summary>Runs every controller until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var informers = sharedInformers ?? new SharedInformers(client, time, loggers.CreateLogger<SharedInformers>());
        var replicaSets = new ReplicaSetController(client, informers, time, loggers.CreateLogger<ReplicaSetController>());
        var deployments = new DeploymentController(client, informers, time, loggers.CreateLogger<DeploymentController>());
        var jobs = new JobController(client, informers, time, loggers.CreateLogger<JobController>());
        var collector = new GarbageCollector(client, informers, time, loggers.CreateLogger<GarbageCollector>());
        var nodes = new NodeLifecycleController(client, informers, nodeLifecycle ?? new NodeLifecycleOptions(), time, loggers.CreateLogger<NodeLifecycleController>());
        var power = new VmPowerController(client, informers, new VmPowerOptions(), time, loggers.CreateLogger<VmPowerController>());
        return Task.WhenAll(
            sharedInformers is null ? informers.RunAsync(cancellationToken) : Task.CompletedTask,
            nodes.RunAsync(cancellationToken),
            replicaSets.RunAsync(cancellationToken),
            deployments.RunAsync(cancellationToken),
            jobs.RunAsync(cancellationToken),
            collector.RunAsync(cancellationToken),
            power.RunAsync(cancellationToken));
    }
}
