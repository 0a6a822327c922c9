using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.Scheduler;

namespace Ursa.Cli.Commands;

/// <summary>
/// <c>ursa scheduler</c>: the scheduler out of process, against any Ursa API server (run that one with
/// <c>--disable-scheduler</c>), for container and VM pods of every tenant.
/// </summary>
public static class SchedulerCommand
{
    public static Command Create()
    {
        var defaults = new SchedulerOptions();
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Credentials of a system-tenant user (default $URSA_HOME/kubeconfig)" };
        var name = new Option<string>("--scheduler-name") { Description = "Schedule the pods whose spec.schedulerName is this", DefaultValueFactory = _ => defaults.SchedulerName };
        var binds = new Option<int>("--parallel-binds") { Description = "Binds written at once", DefaultValueFactory = _ => defaults.ParallelBinds };
        var pack = new Option<bool>("--pack-nodes") { Description = "Score most-allocated nodes first (bin packing) instead of least-allocated (spreading)" };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logging" };
        var command = new Command("scheduler", "Run the scheduler against an API server.")
        {
            kubeconfig, name, binds, pack, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new SchedulerOptions { SchedulerName = parse.GetValue(name)!, ParallelBinds = parse.GetValue(binds), PackNodes = parse.GetValue(pack) };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var connection = KubeconfigReader.Load(parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig);
            using var loggers = Logging.Create(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            using var client = new ApiClient(connection);
            await Console.Out.WriteLineAsync($"scheduler {options.SchedulerName} running against {connection.Server}; Ctrl-C stops it").ConfigureAwait(false);
            await new PodScheduler(client, options, TimeProvider.System, loggers.CreateLogger<PodScheduler>()).RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
