using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.Client.Connection;
using Ursa.NodeAgent.Agent;

namespace Ursa.Cli.Commands;

/// <summary><c>ursa agent</c>: the node agent for a cluster whose API server runs elsewhere.</summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var flags = new AgentFlags();
        var server = new Option<string?>("--server") { Description = "API server URL (default: the kubeconfig's)" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Credentials (default $URSA_HOME/kubeconfig)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log debug detail" };
        var command = new Command("agent", "Run a node agent: register this node, heartbeat, and run the pods bound to it through its runtimes (containerd managed by Ursa unless --runtimes is given).")
        {
            server, kubeconfig, verbose, flags.TlsCertificate, flags.TlsKey,
        };
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            // First, before any work: a standalone agent runs with its own GC/JIT settings (returns if it already does).
            AgentRuntimeTuning.ExecWithTunedRuntime();
            var connection = KubeconfigReader.Load(parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig);
            if (parse.GetValue(server) is { Length: > 0 } url)
            {
                connection = connection with { Server = new Uri(url) };
            }

            using var loggers = Logging.Create(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            NodeStack stack;
            try
            {
                var streaming = parse.GetValue(flags.TlsCertificate) is { Length: > 0 } cert
                    ? NodeCertificates.FromFiles(cert, parse.GetValue(flags.TlsKey) ?? throw new ArgumentException("--tls-cert-file needs --tls-private-key-file"), connection.CertificateAuthorityPem)
                    : null;
                stack = await NodeStack.StartAsync(connection, flags.Bind(parse), flags.Managed(parse), streaming, loggers, stop.Token, flags.ManagedVmRuntime(parse), parse.GetValue(flags.ServeVmRuntimeSocket)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            catch (OperationCanceledException)
            {
                return 130;
            }

            await using (stack.ConfigureAwait(false))
            {
                await Task.WhenAny(stack.Completion, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
