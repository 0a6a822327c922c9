using System.CommandLine;
using Microsoft.Extensions.Logging;
using Ursa.Runtimes.Containerd;
using Ursa.Runtimes.Qemu;
using Ursa.Runtimes.Qemu.Launch;
using Ursa.Runtimes.Qemu.Network;

namespace Ursa.Cli.Commands;

/// <summary>
/// <c>ursa vm-runtime --listen unix:///PATH</c>: the VM runtime a node agent registers for workload type
/// <c>vm</c> (<c>--runtimes "vm,vm,unix:///PATH"</c>). One QEMU per VM pod, driven over QMP; VMs keep running
/// when it stops and are re-adopted when it starts again.
/// </summary>
public static class VmRuntimeCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Unix socket to serve on (unix:///PATH or a path)", DefaultValueFactory = _ => "unix://" + Path.Combine(UrsaPaths.VmRuntimeDirectory, "vm-runtime.sock") };
        var root = new Option<string>("--root") { Description = "Where VMs, sandboxes and disk images are kept", DefaultValueFactory = _ => UrsaPaths.VmRuntimeDirectory };
        var qemu = new Option<string>("--qemu") { Description = "The QEMU binary", DefaultValueFactory = _ => "/usr/bin/qemu-system-x86_64" };
        var accelerator = new Option<string>("--accelerator") { Description = "auto (KVM when a probe guest runs on it, else TCG), kvm or tcg", DefaultValueFactory = _ => "auto" };
        var cniConf = new Option<string?>("--cni-conf-file") { Description = "CNI network list VM pods join (the container runtime's, so both share one network); unset: no pod network" };
        var cniBin = new Option<string>("--cni-bin-dir") { Description = "CNI plugin directory", DefaultValueFactory = _ => "/usr/lib/cni" };
        var bridgeNs = new Option<string?>("--bridge-netns") { Description = "Network namespace the pod bridge lives in (ursa up: ursa0)" };
        var mirrors = new Option<string[]>("--registry-mirror") { Description = "HOST=URL: pull OCI disk images for HOST from URL (repeatable)", AllowMultipleArgumentsPerToken = false };
        var registryNs = new Option<string?>("--registry-netns") { Description = "Network namespace to reach registries and image URLs from (ursa up: ursa0)" };
        var verbose = new Option<bool>("--verbose") { Description = "Debug logging" };
        var command = new Command("vm-runtime", "Run the VM runtime (QEMU over QMP) for a node agent.")
        {
            listen, root, qemu, accelerator, cniConf, cniBin, bridgeNs, mirrors, registryNs, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var loggers = Logging.Create(parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            var logger = loggers.CreateLogger("Ursa.VmRuntime");
            var mirrorMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var mirror in parse.GetValue(mirrors) ?? [])
            {
                var eq = mirror.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await Console.Error.WriteLineAsync($"error: --registry-mirror {mirror}: expected HOST=URL").ConfigureAwait(false);
                    return 2;
                }

                mirrorMap[mirror[..eq]] = mirror[(eq + 1)..];
            }

            var accel = await ChooseAcceleratorAsync(parse.GetValue(accelerator)!, parse.GetValue(qemu)!, logger, cancellationToken).ConfigureAwait(false);
            if (accel is null)
            {
                await Console.Error.WriteLineAsync("error: --accelerator must be auto, kvm or tcg").ConfigureAwait(false);
                return 2;
            }

            var options = new VmRuntimeOptions
            {
                RootDirectory = Path.GetFullPath(parse.GetValue(root)!),
                QemuBinary = parse.GetValue(qemu)!,
                Accelerator = accel.Value,
                RegistryMirrors = mirrorMap,
                Network = new PodNetworkOptions
                {
                    ConfigListFile = parse.GetValue(cniConf),
                    PluginDirectory = parse.GetValue(cniBin)!,
                    BridgeNamespace = parse.GetValue(bridgeNs),
                },
            };
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            var socket = SocketPath(parse.GetValue(listen)!);
            await using var host = await VmRuntimeHost.StartAsync(socket, options, CreateHttpClient(parse.GetValue(registryNs)), loggers, stop.Token).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"vm-runtime serving on unix://{socket} ({accel.Value.ToString().ToLowerInvariant()}, {host.Manager.Vms.Count} VMs adopted); Ctrl-C stops it, VMs keep running").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }

    /// <summary>An HTTP client for image pulls; inside <paramref name="netns"/> when given (the local registry lives there under ursa up).</summary>
    public static HttpClient CreateHttpClient(string? netns)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (netns is not null)
        {
            var dialer = NetworkNamespaceDialer.ForName(netns);
            handler.ConnectCallback = dialer.ConnectAsync;
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static string SocketPath(string endpoint) => Path.GetFullPath(endpoint.StartsWith("unix://", StringComparison.Ordinal) ? endpoint["unix://".Length..] : endpoint);

    internal static async Task<QemuAccelerator?> ChooseAcceleratorAsync(string choice, string qemu, ILogger logger, CancellationToken cancellationToken)
    {
        switch (choice)
        {
            case "kvm":
                return QemuAccelerator.Kvm;
            case "tcg":
                return QemuAccelerator.Tcg;
            case "auto":
                if (await KvmProbe.WorksAsync(qemu, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
                {
                    return QemuAccelerator.Kvm;
                }

                logger.LogWarning("KVM does not run guests on this host: VMs use TCG (software emulation, about one host core per busy vCPU)");
                return QemuAccelerator.Tcg;
            default:
                return null;
        }
    }
}
