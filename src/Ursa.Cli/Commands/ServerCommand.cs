using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Hosting;

namespace Ursa.Cli.Commands;

/// <summary><c>ursa server</c> (control plane only) and <c>ursa up</c> (a whole single-node cluster).</summary>
public static class ServerCommand
{
    public static Command Create(string name, string description)
    {
        var port = new Option<int>("--port") { Description = "HTTPS port of the API server", DefaultValueFactory = _ => 6443 };
        var bind = new Option<string>("--bind-address") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var dataDir = new Option<string?>("--data-dir") { Description = "State directory (default $URSA_HOME/data, URSA_HOME defaults to ~/.ursa)" };
        var kubeconfig = new Option<string?>("--write-kubeconfig") { Description = "Where to write the admin kubeconfig (default $URSA_HOME/kubeconfig)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log debug detail" };
        var noScheduler = new Option<bool>("--disable-scheduler") { Description = "Do not run the scheduler in this process (run `ursa scheduler` elsewhere, or measure the API server alone)" };
        var command = new Command(name, description) { port, bind, dataDir, kubeconfig, verbose, noScheduler };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ApiServerOptions
            {
                DataDirectory = parse.GetValue(dataDir) ?? UrsaPaths.DataDirectory,
                Port = parse.GetValue(port),
                BindAddress = parse.GetValue(bind)!,
            };
            return await RunAsync(options, parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig, parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information, !parse.GetValue(noScheduler), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ApiServerOptions options, string kubeconfigPath, LogLevel level, bool withScheduler, CancellationToken cancellationToken)
    {
        using var loggers = Logging.Create(level);
        var log = loggers.CreateLogger("Ursa");
        using var shutdown = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        ControlPlane plane;
        try
        {
            plane = await ControlPlane.StartAsync(options, loggers, stop.Token, withScheduler).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e) when (e is IOException or Ursa.Storage.StoreException)
        {
            await Console.Error.WriteLineAsync($"error: cannot start: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (plane.ConfigureAwait(false))
        {
            plane.WriteKubeconfig(kubeconfigPath);
#pragma warning disable CA1848 // Two start-up lines; not a hot path.
            log.LogInformation("Ursa API server listening on {Url}", plane.Api.Url);
            log.LogInformation("Admin kubeconfig written to {Path}; try: kubectl --kubeconfig {Path} get namespaces", kubeconfigPath, kubeconfigPath);
#pragma warning restore CA1848
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

#pragma warning disable CA1848
            log.LogInformation("Stopping");
#pragma warning restore CA1848
        }

        return 0;
    }
}
