using System.CommandLine;
using Ursa.Cli.Commands;

namespace Ursa.Cli;

/// <summary>The <c>ursa</c> command line: one binary, subcommands (k3s style).</summary>
public static class UrsaCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Ursa: one control plane for containers and virtual machines, with a Kubernetes-compatible API.")
        {
            ServerCommand.Create("server", "Run the control plane (API server on the embedded store) in the foreground."),
            ServerCommand.Create("up", "Run a whole single-node cluster in the foreground; Ctrl-C stops it."),
            AgentCommand.Create(),
            VmRuntimeCommand.Create(),
            VmCommand.Create(),
            SchedulerCommand.Create(),
            HollowNodesCommand.Create(),
            ControllerManagerCommand.Create(),
            BenchCommand.Create(),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
