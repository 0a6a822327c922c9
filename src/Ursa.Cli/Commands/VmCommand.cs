using System.CommandLine;
using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using ActionObject = Ursa.Api.Core.Action;

namespace Ursa.Cli.Commands;

/// <summary>
/// <c>ursa vm start|stop|pause|resume|reboot|snapshot|restore|console|list</c>: VM pod operations over the API (virtctl's
/// verbs). Power verbs set <c>spec.virtualMachine.powerSpec</c> and follow the VM until it gets there; reboot,
/// snapshot and restore create an Action (<c>POST pods/NAME/action</c>) and wait for the node agent to finish it.
/// </summary>
public static class VmCommand
{
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig") { Description = "Credentials (default $URSA_HOME/kubeconfig)" };
    private static readonly Option<string> Namespace = new("--namespace", "-n") { Description = "Namespace of the VM pod", DefaultValueFactory = _ => "default" };
    private static readonly Option<TimeSpan> Timeout = new("--timeout") { Description = "How long to wait for the VM (e.g. 00:05:00)", DefaultValueFactory = _ => TimeSpan.FromMinutes(5) };

    public static Command Create()
    {
        var command = new Command("vm", "Operate VM pods: power, reboot, snapshots, console (like virtctl).");
        command.Subcommands.Add(Power("start", "Running", "running", "Power the VM on (powerSpec Running) and wait until its guest is up", needBoot: true));
        command.Subcommands.Add(Power("stop", "Shutdown", "shutdown", "Power the VM off (ACPI, then a hard stop after the grace period); disks are kept", needBoot: false));
        command.Subcommands.Add(Power("pause", "Paused", "paused", "Pause the VM's vCPUs", needBoot: false));
        command.Subcommands.Add(Power("resume", "Running", "running", "Resume a paused VM", needBoot: false));
        command.Subcommands.Add(ActionVerb("reboot", "Reset the VM; it boots again from its disk", _ => new JsonObject { ["operation"] = "reboot" }));
        var snapshotName = new Option<string?>("--snapshot-name") { Description = "A name for the snapshot" };
        command.Subcommands.Add(ActionVerb("snapshot", "Snapshot the VM (memory and disk when running); prints the snapshot ID",
            parse => new JsonObject { ["operation"] = "snapshot", ["snapshotParams"] = new JsonObject { ["snapshotName"] = parse.GetValue(snapshotName) } }, snapshotName));
        var snapshotId = new Argument<string>("SNAPSHOT-ID") { Description = "The snapshot to restore (from ursa vm snapshot)" };
        command.Subcommands.Add(ActionVerb("restore", "Bring the VM back to a snapshot",
            parse => new JsonObject { ["operation"] = "restore", ["restoreParams"] = new JsonObject { ["snapshotID"] = parse.GetValue(snapshotId) } }, snapshotId));
        command.Subcommands.Add(VmConsoleCommand.Create(Kubeconfig, Namespace));
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Power(string verb, string powerSpec, string powerState, string description, bool needBoot) =>
        Verb(verb, description, [], async (client, ns, pod, _, ct) =>
        {
            await client.PatchAsync<Pod>(ResourceRef.Pods, null, ns, pod, PatchType.Merge,
                new JsonObject { ["spec"] = new JsonObject { ["virtualMachine"] = new JsonObject { ["powerSpec"] = powerSpec } } }.ToJsonString(), null, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"vm {ns}/{pod}: powerSpec {powerSpec}").ConfigureAwait(false);
            string? last = null;
            while (true)
            {
                var current = await client.GetAsync<Pod>(ResourceRef.Pods, null, ns, pod, ct).ConfigureAwait(false);
                var vm = current.Status?.VirtualMachineStatus;
                var line = $"  {vm?.PowerState ?? "nostate"}, ready={vm?.Ready == true}{(vm?.Message is { Length: > 0 } m ? $" ({m})" : string.Empty)}";
                if (line != last)
                {
                    await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                    last = line;
                }

                if (vm?.PowerState == powerState && (!needBoot || vm.Ready == true))
                {
                    return 0;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            }
        });

    private static Command ActionVerb(string verb, string description, Func<ParseResult, JsonObject> body, params Symbol[] extra) =>
        Verb(verb, description, extra, async (client, ns, pod, parse, ct) =>
        {
            var request = body(parse);
            request["apiVersion"] = "v1";
            request["kind"] = "CustomAction";
            var created = JsonNode.Parse(await client.PostSubresourceAsync(ResourceRef.Pods, null, ns, pod, "action", request.ToJsonString(), ct).ConfigureAwait(false));
            var actionName = created?["metadata"]?["name"]?.GetValue<string>() ?? throw new InvalidOperationException("the server returned no Action");
            await Console.Out.WriteLineAsync($"vm {ns}/{pod}: {verb} requested (action {actionName})").ConfigureAwait(false);
            while (true)
            {
                var action = await client.GetAsync<ActionObject>(ResourceRef.Actions, null, ns, actionName, ct).ConfigureAwait(false);
                if (action.Status?.Complete == true)
                {
                    if (action.Status.Error is { Length: > 0 } error)
                    {
                        await Console.Error.WriteLineAsync($"error: {verb} failed: {error}").ConfigureAwait(false);
                        return 1;
                    }

                    var took = action.Status.PodActionStatus?.CompletionTime - action.Status.PodActionStatus?.StartTime;
                    var snapshot = action.Status.PodActionStatus?.SnapshotID;
                    await Console.Out.WriteLineAsync($"  done in {took?.TotalSeconds:0.00} s{(verb == "snapshot" ? $"; snapshot ID: {snapshot}" : string.Empty)}").ConfigureAwait(false);
                    return 0;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
        });

    /// <summary>One verb on one VM pod: connection, the --timeout deadline, and API errors reported the same way for all.</summary>
    private static Command Verb(string verb, string description, Symbol[] extra, Func<ApiClient, string, string, ParseResult, CancellationToken, Task<int>> run)
    {
        var name = new Argument<string>("NAME") { Description = "The VM pod" };
        var command = new Command(verb, description) { name, Kubeconfig, Namespace, Timeout };
        foreach (var symbol in extra)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(parse);
            var ns = parse.GetValue(Namespace)!;
            var pod = parse.GetValue(name)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(parse.GetValue(Timeout));
            try
            {
                return await run(client, ns, pod, parse, timeout.Token).ConfigureAwait(false);
            }
            catch (ApiStatusException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"error: {verb} of vm {ns}/{pod} did not finish within {parse.GetValue(Timeout)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List VM pods with their power state") { Kubeconfig, Namespace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connect(parse);
            var pods = await client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = parse.GetValue(Namespace) }, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{"NAME",-24} {"POWER",-10} {"READY",-6} {"RESTARTS",-9} {"IP",-16} NODE").ConfigureAwait(false);
            foreach (var pod in pods.Items.Where(p => p.Spec?.VirtualMachine is not null))
            {
                var vm = pod.Status?.VirtualMachineStatus;
                await Console.Out.WriteLineAsync($"{pod.Metadata.Name,-24} {vm?.PowerState ?? "nostate",-10} {(vm?.Ready == true ? "true" : "false"),-6} {vm?.RestartCount ?? 0,-9} {pod.Status?.PodIP ?? "<none>",-16} {pod.Spec!.NodeName ?? "<none>"}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static ApiClient Connect(ParseResult parse) => new(KubeconfigReader.Load(parse.GetValue(Kubeconfig) ?? UrsaPaths.Kubeconfig));
}
