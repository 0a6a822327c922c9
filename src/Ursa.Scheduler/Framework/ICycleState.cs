namespace Ursa.Scheduler.Framework;

/// <summary>
/// What a pre-filter plugin computed for one pod in one scheduling attempt (Kubernetes' CycleState), asked for
/// every node the attempt looks at. Must be cheap: a few dictionary lookups per node.
/// </summary>
public interface ICycleState
{
    FilterResult Filter(NodeInfo node);

    /// <summary>0–100, already normalised across the cluster (higher is better); weighted by the plugin.</summary>
    int Score(NodeInfo node);
}
