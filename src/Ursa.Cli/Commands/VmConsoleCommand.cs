using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using Ursa.Api.Core;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.NodeAgent.Streaming;

namespace Ursa.Cli.Commands;

/// <summary>
/// <c>ursa vm console NAME</c>: the VM's serial console in this terminal (virtctl console), through the API server's
/// attach of the pod (the same path as <c>kubectl attach -it</c>). The terminal is put in raw mode; Ctrl+] ends the
/// session. With input redirected (a pipe or file) the input is sent as typed and the session ends after it.
/// </summary>
public static class VmConsoleCommand
{
    /// <summary>The escape byte that ends an interactive session (Ctrl+], as telnet and virsh console).</summary>
    public const byte Escape = 0x1d;

    /// <summary>The command, sharing <paramref name="kubeconfig"/> and <paramref name="ns"/> with the other vm verbs.</summary>
    public static Command Create(Option<string?> kubeconfig, Option<string> ns)
    {
        var name = new Argument<string>("NAME") { Description = "The VM pod" };
        var command = new Command("console", "Connect to the VM's serial console (Ctrl+] to leave)") { name, kubeconfig, ns };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = KubeconfigReader.Load(parse.GetValue(kubeconfig) ?? UrsaPaths.Kubeconfig);
            var namespaceName = parse.GetValue(ns)!;
            var podName = parse.GetValue(name)!;
            try
            {
                return await RunAsync(connection, namespaceName, podName, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiStatusException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (PodStreamingException e)
            {
                await Console.Error.WriteLineAsync($"error: console of vm {namespaceName}/{podName}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ClusterConnection connection, string ns, string podName, CancellationToken cancellationToken)
    {
        string vmName;
        using (var api = new ApiClient(connection))
        {
            var pod = await api.GetAsync<Pod>(ResourceRef.Pods, null, ns, podName, cancellationToken).ConfigureAwait(false);
            if (pod.Spec?.VirtualMachine?.Name is not { Length: > 0 } found)
            {
                await Console.Error.WriteLineAsync($"error: pod {ns}/{podName} is not a VM pod: it has no console").ConfigureAwait(false);
                return 1;
            }

            vmName = found;
        }

        var interactive = !Console.IsInputRedirected;
        var url = new Uri(connection.Server, $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(podName)}/attach"
            + $"?container={Uri.EscapeDataString(vmName)}&stdin=true&stdout=true&tty=true");
        using var handler = ClusterTrust.CreateHandler(connection.CertificateAuthorityPem);
        var server = connection.Server;
        var client = new ChannelWebSocketClient(ct => ConnectAsync(server, ct))
        {
            Tls = handler.SslOptions,
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + connection.Token },
        };
        using var escaped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var session = new TerminalSession(
            new EscapeStream(Console.OpenStandardInput(), interactive ? Escape : null, escaped.Cancel),
            Console.OpenStandardOutput());
        await Console.Error.WriteLineAsync(interactive
            ? $"Connected to vm {ns}/{podName} (escape character is ^])"
            : $"Connected to vm {ns}/{podName}").ConfigureAwait(false);
        var saved = interactive ? await Stty(cancellationToken, "-g").ConfigureAwait(false) : null;
        try
        {
            if (saved is not null)
            {
                await Stty(cancellationToken, "raw", "-echo").ConfigureAwait(false);
            }

            await client.RunAsync(url, session, escaped.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (escaped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Ctrl+]: the user left the console; the VM runs on.
        }
        finally
        {
            if (saved is not null)
            {
                await Stty(CancellationToken.None, saved.Trim()).ConfigureAwait(false);
            }
        }

        await Console.Error.WriteLineAsync($"{(interactive ? "\r\n" : string.Empty)}Disconnected from vm {ns}/{podName}").ConfigureAwait(false);
        return 0;
    }

    private static async ValueTask<Stream> ConnectAsync(Uri server, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Runs stty on this terminal (stdin inherited); returns its output, or null when it failed.</summary>
    private static async Task<string?> Stty(CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("stty") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var stty = Process.Start(info)!;
            var output = await stty.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await stty.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return stty.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>This terminal as an attach session: no stderr (a tty merges it), no resizes sent.</summary>
    private sealed class TerminalSession(Stream stdin, Stream stdout) : IExecSession
    {
        private readonly Channel<TerminalSize> _resizes = Channel.CreateUnbounded<TerminalSize>();

        public Stream? Stdin => stdin;

        public Stream? Stdout => stdout;

        public Stream? Stderr => null;

        public ChannelReader<TerminalSize> Resizes => _resizes.Reader;
    }
}
