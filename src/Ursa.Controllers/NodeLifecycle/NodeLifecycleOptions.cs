namespace Ursa.Controllers.NodeLifecycle;

/// <summary>Options of the node lifecycle controller (Kubernetes' defaults).</summary>
public sealed class NodeLifecycleOptions
{
    /// <summary>How long a node's Lease may go unrenewed before the node is unreachable (kube-controller-manager's
    /// --node-monitor-grace-period, 40 s: four missed 10 s heartbeats).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often every node is looked at even when nothing changed (--node-monitor-period, 5 s).</summary>
    public TimeSpan MonitorPeriod { get; set; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (GracePeriod <= TimeSpan.Zero || MonitorPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("GracePeriod and MonitorPeriod must be positive");
        }
    }
}
