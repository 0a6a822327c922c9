using Ursa.Api.Core;
using Ursa.Cri.Vm;

namespace Ursa.EndToEndTests.NodeAgent;

/// <summary>
/// VM pods through the whole stack on real QEMU (TCG here: slow, one guest at a time): kubectl → API server →
/// scheduler → agent → VM runtime (CRI + ursa.vm.v1) → QEMU over QMP, with the busybox test guest that
/// <c>ursa up</c> publishes as <c>ursa.local/guest/busybox:latest</c>.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class VmPodEndToEndTests(NodeClusterFixture cluster)
{
    // Booting under TCG on a busy 2-core machine takes 10-40 s; the guest image may still be building at first.
    private static readonly TimeSpan BootDeadline = TimeSpan.FromSeconds(180);

    private static string VmManifest(string name, string powerSpec = "Running", string? script = null) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          terminationGracePeriodSeconds: 10
          virtualMachine:
            name: {{name}}
            image: ursa.local/guest/busybox:latest
            powerSpec: {{powerSpec}}
            resources:
              limits: {cpu: "1", memory: 192Mi}
        {{(script is null ? string.Empty : "    cloudInitUserDataScript: |\n      " + script.Replace("\n", "\n      ", StringComparison.Ordinal))}}
        """;

    private static bool Booted(Pod p) => p.Status?.Conditions?.Any(c => c.Type == "VirtualMachineReady" && c.Status == "True") == true;

    [Fact]
    public async Task VmPod_Boots_ConsoleInKubectlLogs_UserScriptRuns()
    {
        await cluster.ApplyAsync(VmManifest("vm-boot", script: "#!/bin/sh\necho user-data says hello from $(hostname)"));

        var pod = await cluster.WaitForPodAsync("vm-boot", Booted, BootDeadline, "VirtualMachineReady");

        Assert.Equal("Running", pod.Status!.Phase);
        var vm = pod.Status.VirtualMachineStatus!;
        Assert.Equal(("active", "running", true), (vm.State, vm.PowerState, vm.Ready));
        Assert.Equal("1", vm.Resources!.Limits!["cpu"]);
        Assert.Equal("192Mi", vm.Resources.Limits["memory"]);
        Assert.StartsWith("10.88.", pod.Status.PodIP, StringComparison.Ordinal);
        var logs = await cluster.KubectlAsync("logs", "vm-boot");
        Assert.Equal(0, logs.ExitCode);
        Assert.Contains("ursa-guest booted", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("user-data says hello from vm-boot", logs.Stdout, StringComparison.Ordinal);
        var reasons = (await cluster.EventsForAsync("vm-boot")).Select(e => e.Reason).ToList();
        Assert.Contains("Created", reasons);
        Assert.Contains("Started", reasons);
        await cluster.WaitForEventAsync("vm-boot", e => e.Reason == "Booted", "a Booted event");
        var table = await cluster.KubectlAsync("get", "pod", "vm-boot");
        Assert.Matches(@"vm-boot\s+1/1\s+Running", table.Stdout);

        // The console takes input: kubectl attach -i types into the guest's shell.
        var attach = await cluster.KubectlInAsync("echo sum=$((6*7))\n", "attach", "-i", "vm-boot", "-c", "vm-boot");
        Assert.Contains("sum=42", attach.Stdout, StringComparison.Ordinal);

        await cluster.KubectlAsync("delete", "pod", "vm-boot", "--wait=true", "--timeout=60s");
        await using var runtime = cluster.VmRuntime();
        var left = await runtime.ListContainersAsync(new Ursa.Cri.V1.ListContainersRequest(), CancellationToken.None);
        Assert.DoesNotContain(left.Containers, c => c.Metadata?.Name == "vm-boot");
    }

    [Fact]
    public async Task ContainerPodAndVmPod_ReachEachOther_OnThePodNetwork()
    {
        await cluster.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: vm-neighbour
            spec:
              containers:
              - name: app
                image: ursa.local/busybox:latest
                command: ["sleep", "3600"]
            """);
        await cluster.ApplyAsync(VmManifest("vm-net"));
        var vm = await cluster.WaitForPodAsync("vm-net", Booted, BootDeadline, "VirtualMachineReady");
        var container = await cluster.WaitForPodAsync("vm-neighbour", p => p.Status?.Phase == "Running", TimeSpan.FromSeconds(60), "Running");

        var toVm = await cluster.KubectlAsync("exec", "vm-neighbour", "--", "ping", "-c", "2", "-W", "5", vm.Status!.PodIP!);
        Assert.True(toVm.ExitCode == 0, $"container → VM {vm.Status.PodIP}: {toVm.Stdout}{toVm.Stderr}");
        var fromVm = await cluster.KubectlInAsync($"ping -c 2 -W 5 {container.Status!.PodIP} && echo reached-$((1+1))\n", "attach", "-i", "vm-net", "-c", "vm-net");
        Assert.Contains("reached-2", fromVm.Stdout, StringComparison.Ordinal);

        await cluster.KubectlAsync("delete", "pod", "vm-neighbour", "vm-net", "--wait=true", "--timeout=60s");
    }

    [Fact]
    public async Task VmPod_PowerSpec_PausesResumesShutsDownAndRunsAgain_DiskKept()
    {
        await cluster.ApplyAsync(VmManifest("vm-power"));
        await cluster.WaitForPodAsync("vm-power", Booted, BootDeadline, "VirtualMachineReady");
        var write = await cluster.KubectlInAsync("echo kept > /root/mark && sync && echo written-$((7*6))\n", "attach", "-i", "vm-power", "-c", "vm-power");
        Assert.Contains("written-42", write.Stdout, StringComparison.Ordinal);

        await cluster.KubectlAsync("patch", "pod", "vm-power", "-p", """{"spec":{"virtualMachine":{"powerSpec":"Paused"}}}""");
        var paused = await cluster.WaitForPodAsync("vm-power", p => p.Status?.VirtualMachineStatus?.PowerState == "paused", TimeSpan.FromSeconds(30), "paused");
        Assert.Equal("Running", paused.Status!.Phase);
        Assert.Contains(paused.Status.Conditions!, c => c.Type == "Ready" && c.Status == "False" && c.Reason == "Paused");

        await cluster.KubectlAsync("patch", "pod", "vm-power", "-p", """{"spec":{"virtualMachine":{"powerSpec":"Running"}}}""");
        await cluster.WaitForPodAsync("vm-power", p => p.Status?.VirtualMachineStatus?.PowerState == "running" && Booted(p), TimeSpan.FromSeconds(30), "running again");

        await cluster.KubectlAsync("patch", "pod", "vm-power", "-p", """{"spec":{"virtualMachine":{"powerSpec":"Shutdown"}}}""");
        var off = await cluster.WaitForPodAsync("vm-power", p => p.Status?.VirtualMachineStatus?.PowerState == "shutdown", TimeSpan.FromSeconds(60), "shut down");
        Assert.Equal("Pending", off.Status!.Phase);
        await cluster.WaitForEventAsync("vm-power", e => e.Reason == "Stopped", "a Stopped event");

        // Powered off, it releases the node (Arktos' power cycle); its stopped VM stays parked there with its disk.
        var released = await cluster.WaitForPodAsync("vm-power", p => string.IsNullOrEmpty(p.Spec?.NodeName), TimeSpan.FromSeconds(30), "released from its node");
        Assert.Contains(released.Status!.Conditions!, c => c is { Type: "PodScheduled", Status: "False", Reason: "PoweredOff" });
        Assert.Equal((NodeClusterFixture.NodeName, null), (released.Status.NominatedNodeName, released.Status.PodIP));
        await cluster.WaitForEventAsync("vm-power", e => e.Reason == "PoweredOff", "a PoweredOff event");
        Assert.Matches(@"vm-power\s+0/1\s+Shutdown", (await cluster.KubectlAsync("get", "pod", "vm-power")).Stdout);
        var parked = await VmStatusAsync("vm-power");
        Assert.Equal(PowerState.Shutdown, parked.PowerState);

        await cluster.KubectlAsync("patch", "pod", "vm-power", "-p", """{"spec":{"virtualMachine":{"powerSpec":"Running"}}}""");
        var again = await cluster.WaitForPodAsync("vm-power", p => p.Spec?.NodeName == NodeClusterFixture.NodeName && Booted(p), BootDeadline, "bound to its node again and booted");
        Assert.Equal(1, again.Status!.VirtualMachineStatus!.RestartCount);
        var read = await cluster.KubectlInAsync("tr a-z A-Z < /root/mark\n", "attach", "-i", "vm-power", "-c", "vm-power");
        Assert.Contains("KEPT", read.Stdout, StringComparison.Ordinal);

        // Actions (Arktos' POST pods/NAME/action): snapshot, a change, restore → the change is gone; reboot.
        var snapshot = await RunActionAsync("vm-power", """{"apiVersion":"v1","kind":"CustomAction","operation":"snapshot","snapshotParams":{"snapshotName":"before"}}""");
        var snapshotId = snapshot.Status!.PodActionStatus!.SnapshotID;
        Assert.StartsWith("snap-", snapshotId, StringComparison.Ordinal);
        var after = await cluster.KubectlInAsync("echo x > /root/after-snapshot && sync && ls /root | tr a-z A-Z\n", "attach", "-i", "vm-power", "-c", "vm-power");
        Assert.Contains("AFTER-SNAPSHOT", after.Stdout, StringComparison.Ordinal);
        var restore = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "CustomAction",
            ["operation"] = "restore",
            ["restoreParams"] = new System.Text.Json.Nodes.JsonObject { ["snapshotID"] = snapshotId },
        };
        await RunActionAsync("vm-power", restore.ToJsonString());
        var restored = await cluster.KubectlInAsync("ls /root | wc -l | sed s/^/files-/\n", "attach", "-i", "vm-power", "-c", "vm-power");
        // Only the file written before the snapshot (mark) is left.
        Assert.Matches(@"files-\s*1\b", restored.Stdout);
        var missing = await RunActionAsync("vm-power", """{"apiVersion":"v1","kind":"CustomAction","operation":"restore","restoreParams":{"snapshotID":"snap-nope"}}""", expectError: true);
        Assert.Contains("no snapshot", missing.Status!.Error, StringComparison.Ordinal);
        await RunActionAsync("vm-power", """{"apiVersion":"v1","kind":"CustomAction","operation":"reboot"}""");
        await cluster.WaitForEventAsync("vm-power", e => e.Reason == "Rebooted", "a Rebooted event");
        await cluster.WaitForPodAsync("vm-power", Booted, BootDeadline, "booted after the reboot");

        await cluster.KubectlAsync("delete", "pod", "vm-power", "--wait=true", "--timeout=60s");
    }

    private async Task<Ursa.Api.Core.Action> RunActionAsync(string pod, string body, bool expectError = false)
    {
        var created = System.Text.Json.Nodes.JsonNode.Parse(await cluster.Client.PostSubresourceAsync(Ursa.Client.Rest.ResourceRef.Pods, null, "default", pod, "action", body, CancellationToken.None));
        var name = created!["metadata"]!["name"]!.GetValue<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var action = await cluster.Client.GetAsync<Ursa.Api.Core.Action>(Ursa.Client.Rest.ResourceRef.Actions, null, "default", name, CancellationToken.None);
            if (action.Status?.Complete == true)
            {
                Assert.True(expectError == !string.IsNullOrEmpty(action.Status.Error), $"action {name}: error \"{action.Status.Error}\"");
                return action;
            }

            Assert.True(DateTime.UtcNow < deadline, $"action {name} did not complete within 60 s");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task VmPod_SurvivesRestartOfAgentAndVmRuntime()
    {
        await cluster.ApplyAsync(VmManifest("vm-stays"));
        await cluster.WaitForPodAsync("vm-stays", Booted, BootDeadline, "VirtualMachineReady");
        var before = await VmStatusAsync("vm-stays");
        var started = (await cluster.EventsForAsync("vm-stays")).Count(e => e.Reason == "Started");

        await cluster.RestartNodeAsync();

        var after = await VmStatusAsync("vm-stays");
        Assert.Equal((before.Pid, PowerState.Running, 0), (after.Pid, after.PowerState, after.RestartCount));
        var pod = await cluster.WaitForPodAsync("vm-stays", Booted, TimeSpan.FromSeconds(30), "still ready after the restart");
        Assert.Equal("Running", pod.Status!.Phase);
        var echo = await cluster.KubectlInAsync("echo still-$((40+2))\n", "attach", "-i", "vm-stays", "-c", "vm-stays");
        Assert.Contains("still-42", echo.Stdout, StringComparison.Ordinal);
        Assert.Equal(started, (await cluster.EventsForAsync("vm-stays")).Count(e => e.Reason == "Started"));

        await cluster.KubectlAsync("delete", "pod", "vm-stays", "--wait=true", "--timeout=60s");
    }

    private async Task<VirtualMachineStatusResponse> VmStatusAsync(string name)
    {
        await using var runtime = cluster.VmRuntime();
        var containers = await runtime.ListContainersAsync(new Ursa.Cri.V1.ListContainersRequest(), CancellationToken.None);
        var vm = Assert.Single(containers.Containers, c => c.Metadata?.Name == name);
        return await runtime.VirtualMachineStatusAsync(new VirtualMachineStatusRequest { ContainerId = vm.Id }, CancellationToken.None);
    }
}
