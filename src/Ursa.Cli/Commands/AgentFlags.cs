using System.CommandLine;
using Ursa.NodeAgent.Agent;
using Ursa.Runtimes.Containerd;

namespace Ursa.Cli.Commands;

/// <summary>The node agent's flags, shared by <c>ursa agent</c> and <c>ursa up</c>.</summary>
public sealed class AgentFlags
{
    private readonly AgentOptions _defaults = new();

    public Option<string?> NodeName { get; } = new("--node-name") { Description = "Name of this node (default: the host name)" };

    public Option<string?> Runtimes { get; } = new("--runtimes")
    {
        Description = "Runtime services, 'name,workloadType,endpoint;...' with workloadType container or vm, e.g. "
            + "'containerd,container,unix:///run/containerd/containerd.sock'. Default: containerd managed by Ursa",
    };

    public Option<string?> PrimaryRuntime { get; } = new("--primary-runtime") { Description = "Runtime whose readiness is the node's Ready condition (default: the container runtime)" };

    public Option<string?> RootDirectory { get; } = new("--agent-root") { Description = "Where pod logs and volumes live (default $URSA_HOME/agent)" };

    public Option<string?> ContainerdDirectory { get; } = new("--containerd-data-dir") { Description = "Data directory of the containerd Ursa manages (default $URSA_HOME/containerd)" };

    public Option<string?> NetworkNamespace { get; } = new("--network-namespace") { Description = "Network namespace of the containerd Ursa manages and of its pods (default ursa0)" };

    public Option<string> NodeAddress { get; } = new("--node-address") { Description = "Address reported as the node's InternalIP", DefaultValueFactory = _ => "127.0.0.1" };

    public Option<int> StreamingPort { get; } = new("--agent-port") { Description = "Port of the agent's logs/exec server", DefaultValueFactory = _ => 10250 };

    public Option<string?> TlsCertificate { get; } = new("--tls-cert-file") { Description = "Serving certificate (PEM) of the logs/exec server, issued by the cluster CA for the node address (ursa up issues one itself)" };

    public Option<string?> TlsKey { get; } = new("--tls-private-key-file") { Description = "Private key (PEM) of --tls-cert-file" };

    public Option<string?> VmRuntimeDirectory { get; } = new("--vm-runtime-dir") { Description = "Root of the VM runtime Ursa runs beside managed containerd (default $URSA_HOME/vm-runtime)" };

    public Option<bool> DisableVmRuntime { get; } = new("--disable-vm-runtime") { Description = "Run no VM runtime beside managed containerd (VM pods then stay Pending with NoRuntime)" };

    public Option<bool> ServeVmRuntimeSocket { get; } = new("--serve-vm-runtime-socket")
    {
        Description = "Also serve the VM runtime run beside managed containerd over gRPC on vm-runtime.sock in --vm-runtime-dir, for tools and raw benchmarks (the agent calls it in-process either way)",
    };

    public IEnumerable<Option> All => [NodeName, Runtimes, PrimaryRuntime, RootDirectory, ContainerdDirectory, NetworkNamespace, NodeAddress, StreamingPort, VmRuntimeDirectory, DisableVmRuntime, ServeVmRuntimeSocket];

    /// <summary>The managed VM runtime's root, or null when there is none (named runtimes, or disabled).</summary>
    public string? ManagedVmRuntime(ParseResult parse) => parse.GetValue(Runtimes) is { Length: > 0 } || parse.GetValue(DisableVmRuntime)
        ? null
        : Path.GetFullPath(parse.GetValue(VmRuntimeDirectory) ?? UrsaPaths.VmRuntimeDirectory);

    /// <summary>Agent settings from the command line.</summary>
    public AgentOptions Bind(ParseResult parse) => new()
    {
        NodeName = parse.GetValue(NodeName) ?? _defaults.NodeName,
        Runtimes = parse.GetValue(Runtimes) ?? string.Empty,
        PrimaryRuntime = parse.GetValue(PrimaryRuntime),
        RootDirectory = parse.GetValue(RootDirectory) ?? UrsaPaths.AgentDirectory,
        NodeAddress = parse.GetValue(NodeAddress)!,
        StreamingPort = parse.GetValue(StreamingPort),
    };

    /// <summary>Managed containerd's settings, or null when the user named the runtimes.</summary>
    public ContainerdOptions? Managed(ParseResult parse) => parse.GetValue(Runtimes) is { Length: > 0 }
        ? null
        : WithNamespace(new ContainerdOptions { DataDirectory = parse.GetValue(ContainerdDirectory) ?? UrsaPaths.ContainerdDirectory }, parse.GetValue(NetworkNamespace));

    private static ContainerdOptions WithNamespace(ContainerdOptions options, string? name)
    {
        if (name is { Length: > 0 })
        {
            options.NetworkNamespace = name;
        }

        return options;
    }
}
