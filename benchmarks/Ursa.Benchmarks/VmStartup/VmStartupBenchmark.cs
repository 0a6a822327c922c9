using System.Diagnostics;
using System.Text.Json.Nodes;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Benchmarks.Api;
using Ursa.Benchmarks.PodStartup;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.Cri;
using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Launch;
using ActionObject = Ursa.Api.Core.Action;

namespace Ursa.Benchmarks.VmStartup;

/// <summary>
/// <c>ursa bench vm-startup</c>: an <c>ursa server</c> child and an <c>ursa agent</c> child (managed containerd and
/// the VM runtime) make a one-node cluster. Boots the busybox test guest N times raw (bare QEMU, same command line, image,
/// seed and NIC) and N times as a VM pod (create → VirtualMachineReady seen by a watch), alternating; then
/// snapshot, restore and reboot through Actions; then the memory Ursa's processes add per running VM.
/// </summary>
public sealed class VmStartupBenchmark(int vms, BenchmarkReport report)
{
    private const string Image = "ursa.local/guest/busybox:latest";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken).ConfigureAwait(false);
        using var client = new ApiClient(KubeconfigReader.Load(server.KubeconfigPath));
        await using var agent = AgentProcess.Start(server.KubeconfigPath, "bench-vm-node");
        var accelerator = await KvmProbe.WorksAsync("/usr/bin/qemu-system-x86_64", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false) ? QemuAccelerator.Kvm : QemuAccelerator.Tcg;
        report.Note($"server pid {server.Pid}, agent pid {agent.Pid} (VM runtime in process); {vms} boots per phase; {Environment.ProcessorCount} cores; accelerator {accelerator.ToString().ToLowerInvariant()}");
        await using var runtime = CriClient.ForUnixSocket(agent.VmRuntimeSocket);
        var imageId = await PullGuestAsync(runtime, cancellationToken).ConfigureAwait(false);
        report.Note($"guest image {imageId} pulled by the VM runtime");
        var baseImage = Path.Combine(agent.Home, "vm-runtime", "images", "blobs", "sha256", imageId["sha256:".Length..]);
        var raw = new RawQemuBoot(baseImage, Path.Combine(agent.Home, "raw"), accelerator);
        var idleRss = agent.ResidentBytes();
        var created = new List<string>();
        try
        {
            var rawBoots = new LatencyRecorder();
            var ursaBoots = new LatencyRecorder();
            // Ursa's own time, read off the same clock without the guest's boot in it: create → QEMU running (API,
            // scheduler, agent, sandbox + CNI, overlay, seed, launch) and the prompt on the console → the watch.
            var beforeQemu = new LatencyRecorder();
            var afterBoot = new LatencyRecorder();
            var ownPath = new LatencyRecorder();
            // A first VM pod (not timed: it warms the node's caches) gives the raw boots its seed and MAC, then goes,
            // so each raw boot and the VM pod boot after it run beside the same VMs (the pods booted before).
            await CreateAndWaitBootedAsync(client, "donor", cancellationToken).ConfigureAwait(false);
            var (donorSeed, mac) = await GuestSetupAsync(runtime, Path.Combine(agent.Home, "vm-runtime"), "donor", cancellationToken).ConfigureAwait(false);
            var seed = Path.Combine(agent.Home, "donor-seed.iso");
            File.Copy(donorSeed, seed, overwrite: true);
            await client.DeleteAsync(ResourceRef.Pods, null, "default", "donor", null, cancellationToken).ConfigureAwait(false);
            await WaitGoneAsync(client, "donor").ConfigureAwait(false);
            for (var i = 0; i < vms; i++)
            {
                var rawMs = await raw.BootOnceAsync($"raw{i}", seed, mac, cancellationToken).ConfigureAwait(false);
                created.Add($"vm{i}");
                var createdAt = DateTimeOffset.UtcNow;
                var ursaMs = await CreateAndWaitBootedAsync(client, $"vm{i}", cancellationToken).ConfigureAwait(false);
                var seenAt = createdAt + TimeSpan.FromMilliseconds(ursaMs);
                var (qemuStartedAt, bootSeenAt) = await RuntimeTimesAsync(runtime, $"vm{i}", cancellationToken).ConfigureAwait(false);
                var before = (qemuStartedAt - createdAt).TotalMilliseconds;
                var after = (seenAt - bootSeenAt).TotalMilliseconds;
                rawBoots.Add(TimeSpan.FromMilliseconds(rawMs));
                ursaBoots.Add(TimeSpan.FromMilliseconds(ursaMs));
                beforeQemu.Add(TimeSpan.FromMilliseconds(before));
                afterBoot.Add(TimeSpan.FromMilliseconds(after));
                ownPath.Add(TimeSpan.FromMilliseconds(before + after));
                report.Note($"boot {i}: raw QEMU {rawMs:0} ms, VM pod {ursaMs:0} ms ({ursaMs - rawMs:+0;-0} ms); Ursa's own path {before:0} ms to a running QEMU + {after:0} ms from the guest's prompt to the watch");
            }

            report.Result("raw_qemu_boot_p50", rawBoots.Percentile(50), "ms");
            report.Result("ursa_vm_pod_boot_p50", ursaBoots.Percentile(50), "ms");
            report.Result("ursa_added_p50", ursaBoots.Percentile(50) - rawBoots.Percentile(50), "ms");
            report.Result("ursa_create_to_qemu_running_p50", beforeQemu.Percentile(50), "ms");
            report.Result("ursa_prompt_to_watch_p50", afterBoot.Percentile(50), "ms");
            report.Result("ursa_own_path_p50", ownPath.Percentile(50), "ms");
            report.Result("ursa_own_path_max", ownPath.Percentile(100), "ms");
            report.Result("raw_qemu_boot_max", rawBoots.Percentile(100), "ms");
            report.Result("ursa_vm_pod_boot_max", ursaBoots.Percentile(100), "ms");

            var perVm = (agent.ResidentBytes() - idleRss) / (double)vms / 1048576.0;
            report.Result($"agent_rss_added_per_running_vm_{vms}_vms", perVm, "MiB");

            var (snapshotMs, snapshotAction) = await ActionAsync(client, "vm0", new JsonObject { ["operation"] = "snapshot" }, cancellationToken).ConfigureAwait(false);
            report.Result("snapshot_api_round_trip", snapshotMs, "ms");
            var id = snapshotAction.Status!.PodActionStatus!.SnapshotID!;
            var (restoreMs, _) = await ActionAsync(client, "vm0", new JsonObject { ["operation"] = "restore", ["restoreParams"] = new JsonObject { ["snapshotID"] = id } }, cancellationToken).ConfigureAwait(false);
            report.Result("restore_api_round_trip", restoreMs, "ms");
            var reboot = Stopwatch.StartNew();
            await ActionAsync(client, "vm0", new JsonObject { ["operation"] = "reboot" }, cancellationToken).ConfigureAwait(false);
            await WaitAsync(client, "vm0", p => p.Status?.VirtualMachineStatus?.Ready == false, cancellationToken).ConfigureAwait(false);
            await WaitAsync(client, "vm0", p => p.Status?.VirtualMachineStatus?.Ready == true, cancellationToken).ConfigureAwait(false);
            report.Result("reboot_to_booted", reboot.Elapsed.TotalMilliseconds, "ms");
        }
        finally
        {
            foreach (var name in created)
            {
                await client.DeleteAsync(ResourceRef.Pods, null, "default", name, null, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (var name in created)
            {
                await WaitGoneAsync(client, name).ConfigureAwait(false);
            }
        }
    }

    private static async Task<string> PullGuestAsync(CriClient runtime, CancellationToken cancellationToken)
    {
        // ursa agent publishes the guest image in the background right after start.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var pulled = await runtime.PullImageAsync(new Ursa.Cri.V1.PullImageRequest { Image = new Ursa.Cri.V1.ImageSpec { Image = Image } }, cancellationToken).ConfigureAwait(false);
                return pulled.ImageRef;
            }
            catch (GrpcException) when (deadline.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>When the VM runtime had pod <paramref name="name"/>'s QEMU running and when it saw the guest's prompt.</summary>
    private static async Task<(DateTimeOffset QemuStarted, DateTimeOffset BootSeen)> RuntimeTimesAsync(CriClient runtime, string name, CancellationToken cancellationToken)
    {
        var containers = await runtime.ListContainersAsync(new Ursa.Cri.V1.ListContainersRequest(), cancellationToken).ConfigureAwait(false);
        var id = containers.Containers.Single(c => c.Metadata?.Name == name).Id;
        var status = await runtime.ContainerStatusAsync(new Ursa.Cri.V1.ContainerStatusRequest { ContainerId = id }, cancellationToken).ConfigureAwait(false);
        var vm = await runtime.VirtualMachineStatusAsync(new Ursa.Cri.Vm.VirtualMachineStatusRequest { ContainerId = id }, cancellationToken).ConfigureAwait(false);
        return (FromNanos(status.Status.StartedAt), FromNanos(vm.BootedAt));
    }

    private static DateTimeOffset FromNanos(long nanos) => DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(nanos / 100);

    /// <summary>The NoCloud seed and primary MAC the VM runtime gave VM pod <paramref name="name"/>'s guest.</summary>
    private static async Task<(string Seed, string MacAddress)> GuestSetupAsync(CriClient runtime, string runtimeRoot, string name, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        string? id;
        while ((id = (await runtime.ListContainersAsync(new Ursa.Cri.V1.ListContainersRequest(), cancellationToken).ConfigureAwait(false)).Containers.FirstOrDefault(c => c.Metadata?.Name == name)?.Id) is null)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"the VM runtime did not create VM {name} within 2 minutes");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var status = await runtime.VirtualMachineStatusAsync(new Ursa.Cri.Vm.VirtualMachineStatusRequest { ContainerId = id }, cancellationToken).ConfigureAwait(false);
        return (new Ursa.Runtimes.Qemu.Vms.VmPaths(runtimeRoot, id).Seed, status.Nics[0].MacAddress);
    }

    private static async Task<double> CreateAndWaitBootedAsync(ApiClient client, string name, CancellationToken cancellationToken)
    {
        var pod = VmPod(name, "Running");
        var clock = Stopwatch.StartNew();
        await client.CreateAsync(ResourceRef.Pods, pod, cancellationToken).ConfigureAwait(false);
        await WaitAsync(client, name, p => p.Status?.Conditions?.Any(c => c.Type == "VirtualMachineReady" && c.Status == "True") == true, cancellationToken).ConfigureAwait(false);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static Pod VmPod(string name, string powerSpec) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            VirtualMachine = new VirtualMachine
            {
                Name = name,
                Image = Image,
                // One vCPU each, requested small so every boot of the run fits a 2-core node side by side.
                Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m", ["memory"] = "192Mi" } },
                PowerSpec = powerSpec,
            },
        },
    };

    private static async Task<(double Ms, ActionObject Action)> ActionAsync(ApiClient client, string pod, JsonObject body, CancellationToken cancellationToken)
    {
        body["apiVersion"] = "v1";
        body["kind"] = "CustomAction";
        var clock = Stopwatch.StartNew();
        var created = JsonNode.Parse(await client.PostSubresourceAsync(ResourceRef.Pods, null, "default", pod, "action", body.ToJsonString(), cancellationToken).ConfigureAwait(false));
        var name = created!["metadata"]!["name"]!.GetValue<string>();
        while (true)
        {
            var action = await client.GetAsync<ActionObject>(ResourceRef.Actions, null, "default", name, cancellationToken).ConfigureAwait(false);
            if (action.Status?.Complete == true)
            {
                return action.Status.Error is { Length: > 0 } error
                    ? throw new InvalidOperationException($"action {name} failed: {error}")
                    : (clock.Elapsed.TotalMilliseconds, action);
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Follows the pod through a watch (as a user's tool would) until <paramref name="done"/> holds.</summary>
    private static async Task WaitAsync(ApiClient client, string name, Func<Pod, bool> done, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        var options = new ListOptions { Namespace = "default", FieldSelector = "metadata.name=" + name };
        await foreach (var change in client.WatchAsync<Pod>(ResourceRef.Pods, options, deadline.Token).ConfigureAwait(false))
        {
            if (change.Kind is WatchEventKind.Added or WatchEventKind.Modified && done(change.Object))
            {
                return;
            }
        }

        throw new InvalidOperationException($"the watch on pod {name} ended before it got there");
    }

    private static async Task WaitGoneAsync(ApiClient client, string name)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (true)
            {
                await client.GetAsync<Pod>(ResourceRef.Pods, null, "default", name, deadline.Token).ConfigureAwait(false);
                await Task.Delay(200, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
        }
    }
}
