namespace Ursa.Scheduler;

/// <summary>Options of the scheduler.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Pods whose spec.schedulerName is this (or empty) are ours.</summary>
    public string SchedulerName { get; set; } = "default-scheduler";

    /// <summary>Binds written concurrently; decisions stay sequential (they need the assumed state).</summary>
    public int ParallelBinds { get; set; } = 64;

    /// <summary>Pack nodes (most-allocated) instead of spreading (least-allocated, the default).</summary>
    public bool PackNodes { get; set; }

    /// <summary>Unschedulable pods are retried on every cluster change, and at least this often.</summary>
    public TimeSpan UnschedulableFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        if (ParallelBinds < 1)
        {
            throw new ArgumentException("ParallelBinds must be at least 1");
        }
    }
}
