using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.NodeAgent.Hollow;

namespace Ursa.Cli.Commands;

/// <summary><c>ursa hollow-nodes</c>: N simulated node agents in one process, for scale work (kubemark/KWOK style).</summary>
public static class HollowNodesCommand
{
    public static Command Create()
    {
        var defaults = new HollowNodeOptions();
        var count = new Option<int>("--count") { Description = "Number of hollow nodes", DefaultValueFactory = _ => defaults.Count };
        var server = new Option<string?>("--server") { Description = "API server URL (default: the kubeconfig's)" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Credentials (default $URSA_HOME/kubeconfig)" };
        var prefix = new Option<string>("--prefix") { Description = "Node name prefix", DefaultValueFactory = _ => defaults.NamePrefix };
        var heartbeat = new Option<int>("--heartbeat-seconds") { Description = "Lease renewal interval", DefaultValueFactory = _ => (int)defaults.HeartbeatInterval.TotalSeconds };
        var command = new Command("hollow-nodes", "Run N simulated nodes that register, heartbeat with Leases, and report pods bound to them as Running at once.")
        {
            count, server, kubeconfig, prefix, heartbeat,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = KubeconfigReader.Load(parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig);
            if (parse.GetValue(server) is { Length: > 0 } url)
            {
                connection = connection with { Server = new Uri(url) };
            }

            var options = new HollowNodeOptions
            {
                Count = parse.GetValue(count),
                NamePrefix = parse.GetValue(prefix)!,
                HeartbeatInterval = TimeSpan.FromSeconds(parse.GetValue(heartbeat)),
            };
            using var loggers = Logging.Create(LogLevel.Information);
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            using var client = new ApiClient(connection);
            var fleet = new HollowNodeFleet(client, options, TimeProvider.System, loggers.CreateLogger<HollowNodeFleet>());
            await fleet.RegisterAsync(stop.Token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{options.Count} hollow nodes registered; Ctrl-C stops them").ConfigureAwait(false);
            await fleet.RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
