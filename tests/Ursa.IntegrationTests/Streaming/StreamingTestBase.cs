using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Streaming;

/// <summary>Each test works in a namespace of its own, with pods bound to the fixture's nodes.</summary>
public abstract class StreamingTestBase(NodeStreamingFixture cluster) : IAsyncLifetime
{
    /// <summary>CRI log entries every pod's "main" container starts with, and what kubectl shows for them.</summary>
    protected const string MainLog = """
        2026-11-21T08:00:00.000000001Z stdout F first line
        2026-11-21T08:00:01.000000002Z stderr F an error
        2026-11-21T08:00:02.123456789Z stdout P part one, 
        2026-11-21T08:00:02.223456789Z stdout F part two
        2026-11-21T08:00:03Z stdout F last line

        """;

    protected const string MainText = "first line\nan error\npart one, part two\nlast line\n";

    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    protected NodeStreamingFixture Cluster { get; } = cluster;

    protected string Ns { get; } = "s-" + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync() =>
        (await Cluster.KubectlWithAsync(RepoPaths.Kubectl, Manifests.Namespace(Ns), "create", "-f", "-")).EnsureSuccess("create namespace");

    public Task DisposeAsync() => Task.CompletedTask;

    protected Task<CommandResult> KubectlIn(params string[] args) => Cluster.KubectlAsync(["-n", Ns, .. args]);

    protected Task<CommandResult> KubectlInWithStdin(string stdin, params string[] args) => Cluster.KubectlWithAsync(RepoPaths.Kubectl, stdin, ["-n", Ns, .. args]);

    protected RunningCommand StartKubectl(params string[] args) => new(
        RepoPaths.Kubectl, ["--kubeconfig", Cluster.KubeconfigPath, "-n", Ns, .. args],
        new Dictionary<string, string> { ["KUBECACHEDIR"] = Path.Combine(Cluster.WorkDirectory, "kubecache"), ["HOME"] = Cluster.WorkDirectory });

    /// <summary>Creates a pod (bound to <paramref name="node"/> unless null) with the given containers, and writes their logs.</summary>
    protected async Task<string> CreatePodAsync(string name, string? node = NodeStreamingFixture.NodeName, string[]? containers = null, string? annotations = null)
    {
        containers ??= ["main"];
        var list = string.Join("\n", containers.Select(c => $"  - {{name: {c}, image: ursa.local/busybox:latest}}"));
        var manifest = $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
              namespace: {Ns}
              annotations: {annotations ?? "{}"}
            spec:
              {(node is null ? string.Empty : $"nodeName: {node}")}
              containers:
            {list}
            """;
        (await Cluster.KubectlWithAsync(RepoPaths.Kubectl, manifest, "-n", Ns, "create", "-f", "-")).EnsureSuccess($"create pod {name}");
        foreach (var container in containers)
        {
            WriteLog(name, container, container == "main" ? MainLog : $"2026-11-21T08:00:00Z stdout F I am {container}\n");
        }

        return name;
    }

    /// <summary>Writes (or, with append, adds to) the CRI log the fake runtime serves for a container.</summary>
    protected void WriteLog(string pod, string container, string content, bool append = false, bool previous = false)
    {
        var path = Cluster.Backend.LogPath(pod, container, previous);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (append)
        {
            File.AppendAllText(path, content);
        }
        else
        {
            File.WriteAllText(path, content);
        }
    }

    protected static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];
}
