namespace Ursa.NodeAgent.Agent;

/// <summary>Settings of one node agent (<c>ursa agent</c>, or the agent inside <c>ursa up</c>).</summary>
public sealed class AgentOptions
{
    /// <summary>The Node object's name. Default: the machine's host name, lower-cased.</summary>
    public string NodeName { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Runtime list, <c>name,workloadType,endpoint;...</c> (Arktos format).</summary>
    public string Runtimes { get; set; } = string.Empty;

    /// <summary>Name of the runtime node readiness follows; default the only (or the container) runtime.</summary>
    public string? PrimaryRuntime { get; set; }

    /// <summary>Where pod logs and agent state live.</summary>
    public string RootDirectory { get; set; } = "/var/lib/ursa/agent";

    /// <summary>Address reported as the node's InternalIP; the API server reaches the agent's streaming port there.</summary>
    public string NodeAddress { get; set; } = "127.0.0.1";

    /// <summary>Port of the agent's log/exec/attach server (Kubernetes' kubelet port).</summary>
    public int StreamingPort { get; set; } = 10250;

    /// <summary>Lease renewal interval. Kubernetes renews every 10 s with a 40 s lease.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lease duration written into the Lease.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often the node's status (conditions, runtimes) is re-checked; a change is written at once.</summary>
    public TimeSpan NodeStatusInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the agent lists the runtime's sandboxes and containers to notice changes (the
    /// kubelet's PLEG relists every 1 s).</summary>
    public TimeSpan RelistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First restart back-off of a crashing container; doubles up to <see cref="MaxBackOff"/>.</summary>
    public TimeSpan InitialBackOff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest restart back-off (Kubernetes: 5 minutes).</summary>
    public TimeSpan MaxBackOff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pods this node accepts.</summary>
    public int MaxPods { get; set; } = 110;

    /// <summary>The cgroup every pod's cgroup goes under (cgroupfs layout: <c>/kubepods/pod&lt;uid&gt;</c>).</summary>
    public string CgroupRoot { get; set; } = "kubepods";

    /// <summary>CPU kept back from pods, in millicores.</summary>
    public long ReservedCpuMillis { get; set; }

    /// <summary>Memory kept back from pods, in bytes.</summary>
    public long ReservedMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Pod workers running in parallel.</summary>
    public int Workers { get; set; } = 8;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeName)) throw new ArgumentException("node name must not be empty", nameof(NodeName));
        if (string.IsNullOrWhiteSpace(Runtimes)) throw new ArgumentException("at least one runtime is required (--runtimes name,container,unix:///path)", nameof(Runtimes));
        if (StreamingPort is < 0 or > 65535) throw new ArgumentException($"streaming port {StreamingPort} out of range", nameof(StreamingPort));
        if (HeartbeatInterval <= TimeSpan.Zero || LeaseDuration <= HeartbeatInterval) throw new ArgumentException("lease duration must exceed a positive heartbeat interval", nameof(LeaseDuration));
        if (RelistInterval <= TimeSpan.Zero) throw new ArgumentException("relist interval must be positive", nameof(RelistInterval));
        if (InitialBackOff <= TimeSpan.Zero || MaxBackOff < InitialBackOff) throw new ArgumentException("back-off must be positive and max >= initial", nameof(MaxBackOff));
        if (MaxPods <= 0) throw new ArgumentException("max pods must be positive", nameof(MaxPods));
        if (Workers <= 0) throw new ArgumentException("workers must be positive", nameof(Workers));
    }
}
