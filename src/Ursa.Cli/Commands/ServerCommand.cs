using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Hosting;
using Ursa.Client.Connection;
using Ursa.Runtimes.Containerd;
using Ursa.Storage.Etcd;

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
        var noControllers = new Option<bool>("--disable-controllers") { Description = "Do not run the workload controllers in this process" };
        var etcdServers = new Option<string?>("--etcd-servers") { Description = "Comma-separated etcd endpoints (http:// or https://); state lives there instead of the embedded store" };
        var etcdCa = new Option<string?>("--etcd-cafile") { Description = "CA file that signs the etcd servers' certificates" };
        var etcdCert = new Option<string?>("--etcd-certfile") { Description = "Client certificate for etcd" };
        var etcdKey = new Option<string?>("--etcd-keyfile") { Description = "Client key for etcd" };
        var command = new Command(name, description) { port, bind, dataDir, kubeconfig, verbose, noScheduler, noControllers, etcdServers, etcdCa, etcdCert, etcdKey };
        var withNode = name == "up";
        var agentFlags = new AgentFlags();
        var noAgent = new Option<bool>("--disable-agent") { Description = "Run no node agent (and no managed containerd) in this process" };
        if (withNode)
        {
            command.Options.Add(noAgent);
            foreach (var option in agentFlags.All)
            {
                command.Options.Add(option);
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ApiServerOptions
            {
                DataDirectory = parse.GetValue(dataDir) ?? UrsaPaths.DataDirectory,
                Port = parse.GetValue(port),
                BindAddress = parse.GetValue(bind)!,
            };
            EtcdStoreOptions? etcd = null;
            if (parse.GetValue(etcdServers) is { Length: > 0 } servers)
            {
                if (servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(s => !Uri.TryCreate(s, UriKind.Absolute, out _)) is { } bad)
                {
                    await Console.Error.WriteLineAsync($"error: --etcd-servers: \"{bad}\" is not a URL (e.g. http://127.0.0.1:2379)").ConfigureAwait(false);
                    return 2;
                }

                etcd = new EtcdStoreOptions
                {
                    Endpoints = servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => new Uri(s)).ToList(),
                    TrustedCaFile = parse.GetValue(etcdCa),
                    ClientCertificateFile = parse.GetValue(etcdCert),
                    ClientKeyFile = parse.GetValue(etcdKey),
                };
            }

            var node = withNode && !parse.GetValue(noAgent) ? new NodeSettings(agentFlags.Bind(parse), agentFlags.Managed(parse), agentFlags.ManagedVmRuntime(parse)) : null;
            return await RunAsync(options, parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig, parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information, !parse.GetValue(noScheduler), !parse.GetValue(noControllers), etcd, node, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ApiServerOptions options, string kubeconfigPath, LogLevel level, bool withScheduler, bool withControllers, EtcdStoreOptions? etcd, NodeSettings? node, CancellationToken cancellationToken)
    {
        using var loggers = Logging.Create(level);
        var log = loggers.CreateLogger("Ursa");
        using var shutdown = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        try
        {
            options.Validate();
            etcd?.Validate();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        ControlPlane plane;
        try
        {
            plane = await ControlPlane.StartAsync(options, loggers, stop.Token, withScheduler, etcd, withControllers).ConfigureAwait(false);
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
            NodeStack? stack = null;
            if (node is not null)
            {
                try
                {
                    var connection = new ClusterConnection(plane.Api.Url, plane.Api.CaPem, plane.Api.AdminToken);
                    var streaming = NodeCertificates.FromDataDirectory(options.DataDirectory, node.Agent.NodeName, node.Agent.NodeAddress);
                    stack = await NodeStack.StartAsync(connection, node.Agent, node.Containerd, streaming, loggers, stop.Token, node.VmRuntime).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ArgumentException or FormatException or IOException or CommandFailedException or TimeoutException)
                {
                    await Console.Error.WriteLineAsync($"error: cannot start the node (containerd and agent): {e.Message}\n"
                        + "  run scripts/setup.sh to install containerd and its tools, or start with --disable-agent").ConfigureAwait(false);
                    return 1;
                }
                catch (OperationCanceledException)
                {
                    return 130;
                }

#pragma warning disable CA1848
                log.LogInformation("Node {Node} registered; try: kubectl --kubeconfig {Path} get nodes", node.Agent.NodeName, kubeconfigPath);
#pragma warning restore CA1848
            }

            await using (stack)
            {
                await Task.WhenAny(stack?.Completion ?? Task.Delay(Timeout.Infinite, stop.Token), Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            }

#pragma warning disable CA1848
            log.LogInformation("Stopping");
#pragma warning restore CA1848
        }

        return 0;
    }

    /// <summary>The node half of <c>ursa up</c>.</summary>
    private sealed record NodeSettings(Ursa.NodeAgent.Agent.AgentOptions Agent, ContainerdOptions? Containerd, string? VmRuntime);
}
