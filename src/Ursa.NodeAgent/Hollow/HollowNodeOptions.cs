namespace Ursa.NodeAgent.Hollow;

/// <summary>Options of a fleet of hollow nodes.</summary>
public sealed class HollowNodeOptions
{
    /// <summary>How many nodes to simulate.</summary>
    public int Count { get; set; } = 100;

    /// <summary>Node name prefix; nodes are named <c>{prefix}-{index}</c>.</summary>
    public string NamePrefix { get; set; } = "hollow";

    /// <summary>Extra labels on every node (so a test can pin its pods to its own fleet).</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    public string Cpu { get; set; } = "4";

    public string Memory { get; set; } = "16Gi";

    public string Pods { get; set; } = "110";

    /// <summary>Lease renewal interval. 10 s is the kubelet's; at thousands of nodes on two cores a longer one
    /// keeps heartbeats from dominating (5,000 nodes at 10 s = 500 writes/s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Concurrent API calls while registering nodes and reporting pods.</summary>
    public int Parallelism { get; set; } = 32;

    public void Validate()
    {
        if (Count < 1)
        {
            throw new ArgumentException("Count must be at least 1");
        }

        if (Parallelism < 1)
        {
            throw new ArgumentException("Parallelism must be at least 1");
        }
    }
}
