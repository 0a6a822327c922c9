using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.Controllers;
using Ursa.Controllers.NodeLifecycle;

namespace Ursa.Cli.Commands;

/// <summary>
/// <c>ursa controller-manager</c>: the workload controllers (ReplicaSet, Deployment, Job, garbage collector, node
/// lifecycle) out of process, against any Ursa API server (run that one with <c>--disable-controllers</c>).
/// </summary>
public static class ControllerManagerCommand
{
    public static Command Create()
    {
        var defaults = new NodeLifecycleOptions();
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Credentials of a system-tenant user (default $URSA_HOME/kubeconfig)" };
        var grace = new Option<int>("--node-monitor-grace-period") { Description = "Seconds without a Lease renewal before a node is unreachable", DefaultValueFactory = _ => (int)defaults.GracePeriod.TotalSeconds };
        var period = new Option<int>("--node-monitor-period") { Description = "Seconds between looks at every node", DefaultValueFactory = _ => (int)defaults.MonitorPeriod.TotalSeconds };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logging" };
        var command = new Command("controller-manager", "Run the workload controllers against an API server.")
        {
            kubeconfig, grace, period, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = KubeconfigReader.Load(parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig);
            var nodeLifecycle = new NodeLifecycleOptions
            {
                GracePeriod = TimeSpan.FromSeconds(parse.GetValue(grace)),
                MonitorPeriod = TimeSpan.FromSeconds(parse.GetValue(period)),
            };
            nodeLifecycle.Validate();
            using var loggers = Logging.Create(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            using var client = new ApiClient(connection);
            await Console.Out.WriteLineAsync($"controllers running against {connection.Server}; Ctrl-C stops them").ConfigureAwait(false);
            await new ControllerSet(client, TimeProvider.System, loggers, nodeLifecycle).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
