using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Qemu.Network;

/// <summary>
/// Puts a VM pod on the same pod network as container pods: a network namespace per pod, the node's CNI network
/// added to it (run inside the bridge's namespace, like containerd does), and a bridge <c>br0</c> in the pod
/// namespace joining the CNI interface and the VM's taps (KubeVirt's bridge binding). The guest takes the pod's
/// address (told through its NoCloud seed), so containers and VMs reach each other directly on one subnet.
/// </summary>
/// <remarks>
/// <code>
///  bridge netns (ursa0): ursabr0 ── veth ──┐
///  pod netns:                 eth0 (no IP) ─ br0 ─ tap0 ── QEMU virtio-net ── guest 10.88.0.x
/// </code>
/// </remarks>
public sealed partial class PodNetwork(PodNetworkOptions options, ICommandRunner runner, ILogger logger)
{
    /// <summary>The interface CNI creates in the pod namespace.</summary>
    public const string PodInterface = "eth0";

    /// <summary>The bridge in the pod namespace the VM's taps join.</summary>
    public const string PodBridge = "br0";

    /// <summary>The pod network namespace of sandbox <paramref name="sandboxId"/>.</summary>
    public static string NamespaceFor(string sandboxId) => "ursa-vm-" + sandboxId[..Math.Min(12, sandboxId.Length)];

    /// <summary>Creates the pod namespace and joins it to the pod network (idempotent per sandbox).</summary>
    public async Task<PodNetworkAttachment> SetUpAsync(string sandboxId, CancellationToken cancellationToken)
    {
        var ns = NamespaceFor(sandboxId);
        var added = await RunAsync(CommandLine.Of(options.IpTool, "netns", "add", ns), cancellationToken).ConfigureAwait(false);
        if (added.ExitCode != 0 && !added.StandardError.Contains("File exists", StringComparison.Ordinal))
        {
            added.EnsureSuccess();
        }

        await Ip(ns, cancellationToken, "link", "set", "lo", "up").ConfigureAwait(false);
        await Ip(ns, cancellationToken, "link", "add", PodBridge, "type", "bridge").ConfigureAwait(false);
        await Ip(ns, cancellationToken, "link", "set", PodBridge, "up").ConfigureAwait(false);
        if (options.ConfigListFile is null)
        {
            return new PodNetworkAttachment(ns, null, 0, null);
        }

        var result = await CniAsync("ADD", sandboxId, ns, cancellationToken).ConfigureAwait(false);
        var ip = result?["ips"]?.AsArray().Select(i => i?["address"]?.GetValue<string>()).FirstOrDefault(a => a is not null && !a.Contains(':', StringComparison.Ordinal));
        var gateway = result?["ips"]?.AsArray().Select(i => i?["gateway"]?.GetValue<string>()).FirstOrDefault(g => g is not null);
        if (ip is null)
        {
            throw new InvalidOperationException($"CNI ADD for sandbox {sandboxId} returned no IPv4 address: {result?.ToJsonString()}");
        }

        // The guest owns the pod address now: the namespace's eth0 only forwards frames between the bridges.
        await Ip(ns, cancellationToken, "addr", "flush", "dev", PodInterface).ConfigureAwait(false);
        await Ip(ns, cancellationToken, "link", "set", PodInterface, "master", PodBridge).ConfigureAwait(false);
        var slash = ip.IndexOf('/', StringComparison.Ordinal);
        var attachment = new PodNetworkAttachment(ns, ip[..slash], int.Parse(ip[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture), gateway);
        Log.NetworkReady(logger, sandboxId, ns, ip);
        return attachment;
    }

    /// <summary>Creates tap <paramref name="tap"/> on the pod bridge, for QEMU (running in the namespace) to open.</summary>
    public async Task AddTapAsync(string ns, string tap, CancellationToken cancellationToken)
    {
        // A tap left by an earlier QEMU of this VM is made again: an existing persistent tap cannot be re-added.
        await RemoveTapAsync(ns, tap, cancellationToken).ConfigureAwait(false);
        await Ip(ns, cancellationToken, "tuntap", "add", "dev", tap, "mode", "tap").ConfigureAwait(false);
        await Ip(ns, cancellationToken, "link", "set", tap, "master", PodBridge).ConfigureAwait(false);
        await Ip(ns, cancellationToken, "link", "set", tap, "up").ConfigureAwait(false);
    }

    /// <summary>Removes tap <paramref name="tap"/>; gone already is fine.</summary>
    public async Task RemoveTapAsync(string ns, string tap, CancellationToken cancellationToken)
    {
        var result = await RunAsync(CommandLine.Of(options.IpTool, "-n", ns, "link", "del", tap), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !Missing(result))
        {
            result.EnsureSuccess();
        }
    }

    /// <summary>Releases the pod's address and removes its namespace; safe to repeat.</summary>
    public async Task TearDownAsync(string sandboxId, CancellationToken cancellationToken)
    {
        var ns = NamespaceFor(sandboxId);
        if (options.ConfigListFile is not null)
        {
            await CniAsync("DEL", sandboxId, ns, cancellationToken).ConfigureAwait(false);
        }

        var result = await RunAsync(CommandLine.Of(options.IpTool, "netns", "del", ns), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !Missing(result))
        {
            result.EnsureSuccess();
        }
    }

    private static bool Missing(CommandResult result) =>
        result.StandardError.Contains("No such file", StringComparison.Ordinal) || result.StandardError.Contains("Cannot find device", StringComparison.Ordinal)
        || result.StandardError.Contains("does not exist", StringComparison.Ordinal);

    private async Task Ip(string ns, CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await RunAsync(new CommandLine(options.IpTool, ["-n", ns, .. arguments]), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !result.StandardError.Contains("File exists", StringComparison.Ordinal))
        {
            result.EnsureSuccess();
        }
    }

    private Task<CommandResult> RunAsync(CommandLine command, CancellationToken cancellationToken) => runner.RunAsync(command, cancellationToken);

    /// <summary>Runs the conflist's plugins in order (DEL in reverse), passing each ADD result on as prevResult.</summary>
    private async Task<JsonNode?> CniAsync(string command, string sandboxId, string ns, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await File.ReadAllTextAsync(options.ConfigListFile!, cancellationToken).ConfigureAwait(false))!.AsObject();
        var plugins = list["plugins"]!.AsArray().Select(p => p!.AsObject()).ToList();
        if (command == "DEL")
        {
            plugins.Reverse();
        }

        JsonNode? previous = null;
        foreach (var plugin in plugins)
        {
            var config = plugin.DeepClone().AsObject();
            config["name"] = list["name"]?.DeepClone();
            config["cniVersion"] = list["cniVersion"]?.DeepClone();
            if (previous is not null)
            {
                config["prevResult"] = previous.DeepClone();
            }

            var type = plugin["type"]!.GetValue<string>();
            var binary = Path.Combine(options.PluginDirectory, type);
            var argv = options.BridgeNamespace is { } bridgeNs
                ? new CommandLine(options.NsenterTool, [$"--net=/var/run/netns/{bridgeNs}", "--", binary])
                : new CommandLine(binary, []);
            var result = await RunAsync(argv with
            {
                StandardInput = config.ToJsonString(),
                Environment = new Dictionary<string, string>
                {
                    ["CNI_COMMAND"] = command,
                    ["CNI_CONTAINERID"] = sandboxId,
                    ["CNI_NETNS"] = "/var/run/netns/" + ns,
                    ["CNI_IFNAME"] = PodInterface,
                    ["CNI_PATH"] = options.PluginDirectory,
                },
            }, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"CNI {command} ({type}) for sandbox {sandboxId} failed: {result.StandardOutput.Trim()} {result.StandardError.Trim()}".Trim());
            }

            if (command == "ADD")
            {
                previous = JsonNode.Parse(result.StandardOutput);
            }
        }

        return previous;
    }

    private static partial class Log
    {
        [LoggerMessage(700, LogLevel.Information, "Sandbox {Sandbox}: network namespace {Namespace} joined the pod network as {Address}")]
        public static partial void NetworkReady(ILogger logger, string sandbox, string @namespace, string address);
    }
}
