namespace Ursa.Scheduler;

/// <summary>Options of the scheduler.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Pods whose spec.schedulerName is this (or empty) are ours.</summary>
    public string SchedulerName { get; set; } = "default-scheduler";

    /// <summary>
    /// Binds written concurrently when each pod is bound on its own (<see cref="BindBatchSize"/> 1, or a server
    /// without the batch extension); decisions stay sequential (they need the assumed state).
    /// </summary>
    public int ParallelBinds { get; set; } = 64;

    /// <summary>
    /// Most pods bound in one request through Ursa's batch extension (binds decided while earlier ones are in
    /// flight are coalesced); 1 binds each pod through its pods/binding subresource.
    /// </summary>
    public int BindBatchSize { get; set; } = 200;

    /// <summary>
    /// Batch requests in flight at once. Few on purpose: binds decided while every slot is busy wait and go out
    /// together, which is what makes batches (one request per decision would be the per-pod cost again).
    /// </summary>
    public int ParallelBindBatches { get; set; } = 4;

    /// <summary>
    /// Events (Scheduled, FailedScheduling) written concurrently: one Scheduled event per bound pod, so at a few
    /// thousand binds a second one writer at a time cannot keep up and the recorder would drop events.
    /// </summary>
    public int EventWriters { get; set; } = 8;

    /// <summary>Pack nodes (most-allocated) instead of spreading (least-allocated, the default).</summary>
    public bool PackNodes { get; set; }

    /// <summary>Unschedulable pods are retried on every cluster change, and at least this often.</summary>
    public TimeSpan UnschedulableFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Pods assumed but not yet confirmed bound, at most (decisions wait beyond it).</summary>
    internal int MaxPendingBinds => BindBatchSize > 1 ? Math.Max(ParallelBinds, ParallelBindBatches * BindBatchSize) : ParallelBinds;

    public void Validate()
    {
        if (ParallelBinds < 1)
        {
            throw new ArgumentException("ParallelBinds must be at least 1");
        }

        if (BindBatchSize is < 1 or > 1_000)
        {
            throw new ArgumentException("BindBatchSize must be between 1 and 1,000 (the server's limit per request)");
        }

        if (EventWriters < 1)
        {
            throw new ArgumentException("EventWriters must be at least 1");
        }

        if (ParallelBindBatches < 1)
        {
            throw new ArgumentException("ParallelBindBatches must be at least 1");
        }
    }
}
