using System.CommandLine;
using Ursa.Cli.Commands;

namespace Ursa.Cli;

/// <summary>The <c>ursa</c> command line: one binary, subcommands (k3s style).</summary>
public static class UrsaCli
{
    /// <summary>Subcommands by name, each built only when needed.</summary>
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("server", () => ServerCommand.Create("server", "Run the control plane (API server on the embedded store) in the foreground.")),
        ("up", () => ServerCommand.Create("up", "Run a whole single-node cluster in the foreground; Ctrl-C stops it.")),
        ("agent", AgentCommand.Create),
        ("vm-runtime", VmRuntimeCommand.Create),
        ("vm", VmCommand.Create),
        ("scheduler", SchedulerCommand.Create),
        ("hollow-nodes", HollowNodesCommand.Create),
        ("controller-manager", ControllerManagerCommand.Create),
        ("bench", BenchCommand.Create),
    ];

    public static RootCommand Build() => Build(null);

    /// <summary>
    /// The command tree; with <paramref name="only"/>, just that subcommand under the root. Building a subcommand
    /// touches its types (options, defaults), which loads their assemblies: a long-running <c>ursa agent</c> need not
    /// carry the benchmarks', scheduler's and controllers' code in memory (docs/benchmarks.md, agent memory).
    /// </summary>
    public static RootCommand Build(string? only)
    {
        var root = new RootCommand("Ursa: one control plane for containers and virtual machines, with a Kubernetes-compatible API.");
        foreach (var (name, create) in Commands)
        {
            if (only is null || only == name)
            {
                root.Subcommands.Add(create());
            }
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args)
    {
        // The full tree when the first word names no subcommand (help, typos, options), so help and errors list all.
        var only = args.Length > 0 && Commands.Any(c => c.Name == args[0]) ? args[0] : null;
        return Build(only).Parse(args).InvokeAsync();
    }
}
