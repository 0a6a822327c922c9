using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Qmp;

namespace Ursa.IntegrationTests.Qmp;

/// <summary>
/// <see cref="QmpClient"/> against a real QEMU 7.2 (TCG, no guest OS). One class so its QEMUs run one at a time
/// on these 2-core machines; each test starts its own and stops it by PID.
/// </summary>
public sealed class QmpQemuTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TestDirectory _directory = new("qmp");
    private QemuProcess? _qemu;

    private string DiskPath => Path.Combine(_directory.Path, "disk0.qcow2");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_qemu is not null)
        {
            await _qemu.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task QueryStatus_FreshVm_RunningAndConcurrentCallsAllAnswered()
    {
        await using var qmp = await StartAsync();

        var status = await qmp.QueryStatusAsync();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => qmp.QueryStatusAsync())).WaitAsync(Deadline);

        Assert.Equal(new QmpStatus("running", true), status);
        Assert.All(concurrent, s => Assert.Equal(status, s));
        Assert.Equal(7, qmp.Version.Major);
    }

    [Fact]
    public async Task StopThenCont_EmitsStopAndResumeEvents()
    {
        await using var qmp = await StartAsync();

        using (var stopped = qmp.ExpectEvent("STOP"))
        {
            await qmp.StopAsync();
            await stopped.WaitAsync().WaitAsync(Deadline);
        }

        Assert.Equal(new QmpStatus("paused", false), await qmp.QueryStatusAsync());
        using (var resumed = qmp.ExpectEvent("RESUME"))
        {
            await qmp.ContAsync();
            await resumed.WaitAsync().WaitAsync(Deadline);
        }

        Assert.Equal(new QmpStatus("running", true), await qmp.QueryStatusAsync());
    }

    [Fact]
    public async Task NicHotplug_AddThenDelete_DeviceDeletedBeforeNetdevRemoved()
    {
        // Native PCIe hot-plug: a root port whose slot no guest has powered on releases a device at once. With
        // q35's default ACPI hot-plug, device_del waits for the guest's _EJ0, which never comes without an OS.
        await using var qmp = await StartAsync(
            "-global", "ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off",
            "-device", "pcie-root-port,id=rp1,chassis=1,slot=1");

        await qmp.NetdevAddAsync(new JsonObject { ["type"] = "user", ["id"] = "net1" });
        await qmp.DeviceAddAsync(new JsonObject { ["driver"] = "virtio-net-pci", ["id"] = "nic1", ["netdev"] = "net1", ["bus"] = "rp1" });
        Assert.Contains("nic1", await PeripheralsAsync(qmp));

        await qmp.DeviceDelAsync("nic1", Deadline);
        await qmp.NetdevDelAsync("net1");

        Assert.DoesNotContain("nic1", await PeripheralsAsync(qmp));
        var again = await Assert.ThrowsAsync<QmpException>(() => qmp.NetdevDelAsync("net1"));
        Assert.Equal("DeviceNotFound", again.Class);
    }

    [Fact]
    public async Task DiskHotplug_BlockdevInUseUntilTheDeviceIsDeleted()
    {
        var disk1 = Path.Combine(_directory.Path, "disk1.qcow2");
        await QemuProcess.CreateQcow2Async(disk1, "16M");
        await using var qmp = await StartAsync(
            "-global", "ICH9-LPC.acpi-pci-hotplug-with-bridge-support=off",
            "-device", "pcie-root-port,id=rp2,chassis=2,slot=2");

        await qmp.BlockdevAddAsync(new JsonObject
        {
            ["driver"] = "qcow2",
            ["node-name"] = "disk1",
            ["file"] = new JsonObject { ["driver"] = "file", ["filename"] = disk1 },
        });
        await qmp.DeviceAddAsync(new JsonObject { ["driver"] = "virtio-blk-pci", ["id"] = "blk1", ["drive"] = "disk1", ["bus"] = "rp2" });
        var inUse = await Assert.ThrowsAsync<QmpException>(() => qmp.BlockdevDelAsync("disk1"));
        Assert.Equal("GenericError", inUse.Class);

        await qmp.DeviceDelAsync("blk1", Deadline);
        await qmp.BlockdevDelAsync("disk1");

        Assert.DoesNotContain("blk1", await PeripheralsAsync(qmp));
    }

    [Fact]
    public async Task Queries_HotpluggableCpusAndMemory_DescribeTheMachine()
    {
        await using var qmp = await StartAsync("-smp", "1,maxcpus=2");

        var cpus = await qmp.QueryHotpluggableCpusAsync();
        var memory = await qmp.QueryMemorySizeSummaryAsync();
        var dimms = await qmp.QueryMemoryDevicesAsync();

        Assert.Equal(2, cpus.Count);
        Assert.Single(cpus, c => c!["qom-path"] is not null);
        Assert.All(cpus, c => Assert.NotNull(c!["props"]!["socket-id"]));
        Assert.Equal(new QmpMemorySize(128L << 20, 0), memory);
        Assert.Empty(dimms);
    }

    [Fact]
    public async Task Snapshots_SaveLoadDelete_RunAsJobs_AndAMissingTagFailsTheJob()
    {
        await QemuProcess.CreateQcow2Async(DiskPath, "16M");
        await using var qmp = await StartAsync(
            "-blockdev", $"driver=qcow2,node-name=disk0,file.driver=file,file.filename={DiskPath}",
            "-device", "virtio-blk-pci,drive=disk0");
        var progress = new RecordingProgress();

        await qmp.RunJobAsync("snapshot-save", SnapshotArguments("save1", "snap1"), progress).WaitAsync(Deadline);
        Assert.Equal(["snap1"], await SnapshotsAsync(qmp));
        Assert.Contains(progress.Reports, p => p.JobId == "save1" && p.Status == "concluded" && p.Current == p.Total);

        await qmp.RunJobAsync("snapshot-load", SnapshotArguments("load1", "snap1")).WaitAsync(Deadline);
        var missing = await Assert.ThrowsAsync<QmpException>(() => qmp.RunJobAsync("snapshot-load", SnapshotArguments("load2", "nope")).WaitAsync(Deadline));
        Assert.Equal(QmpException.JobFailedClass, missing.Class);
        Assert.Contains("nope", missing.Description);

        await qmp.RunJobAsync("snapshot-delete", new JsonObject { ["job-id"] = "delete1", ["tag"] = "snap1", ["devices"] = new JsonArray("disk0") }).WaitAsync(Deadline);
        Assert.Empty(await SnapshotsAsync(qmp));
        Assert.Empty((JsonArray)(await qmp.ExecuteAsync("query-jobs"))!);
    }

    [Fact]
    public async Task Getfd_RealDescriptor_HeldByQemuUntilClosefd()
    {
        await using var qmp = await StartAsync();
        var file = Path.Combine(_directory.Path, "passed-to-qemu");
        await File.WriteAllTextAsync(file, "x");
        var noDescriptor = await Assert.ThrowsAsync<QmpException>(() => qmp.ExecuteAsync("getfd", new JsonObject { ["fdname"] = "fd0" }));
        Assert.Equal("GenericError", noDescriptor.Class);
        Assert.DoesNotContain(file, QemuDescriptorTargets());

        using (var handle = File.OpenHandle(file))
        {
            await qmp.SendFileDescriptorAsync("fd0", handle);
        }

        Assert.Contains(file, QemuDescriptorTargets());
        await qmp.CloseFileDescriptorAsync("fd0");
        Assert.DoesNotContain(file, QemuDescriptorTargets());
    }

    [Fact]
    public async Task Quit_QemuExits_ConnectionClosedAndLaterCallsFail()
    {
        await using var qmp = await StartAsync();
        var events = qmp.ReadEventsAsync().ToListAsync().AsTask();

        await qmp.QuitAsync().WaitAsync(Deadline);

        Assert.Equal(0, await _qemu!.WaitForExitAsync(Deadline));
        Assert.Contains("SHUTDOWN", (await events.WaitAsync(Deadline)).Select(e => e.Name));
        await Assert.ThrowsAsync<QmpConnectionException>(() => qmp.QueryStatusAsync());
    }

    private async Task<QmpClient> StartAsync(params string[] arguments)
    {
        _qemu = QemuProcess.Start(_directory.Path, arguments);
        return await _qemu.ConnectQmpAsync();
    }

    private static JsonObject SnapshotArguments(string jobId, string tag) => new()
    {
        ["job-id"] = jobId,
        ["tag"] = tag,
        ["vmstate"] = "disk0",
        ["devices"] = new JsonArray("disk0"),
    };

    private static async Task<List<string>> PeripheralsAsync(QmpClient qmp)
    {
        var children = await qmp.ExecuteAsync("qom-list", new JsonObject { ["path"] = "/machine/peripheral" }) as JsonArray ?? [];
        return [.. children.Select(c => c!["name"]!.GetValue<string>())];
    }

    private static async Task<List<string>> SnapshotsAsync(QmpClient qmp)
    {
        var nodes = await qmp.ExecuteAsync("query-named-block-nodes", new JsonObject { ["flat"] = true }) as JsonArray ?? [];
        var disk = nodes.Single(n => n!["node-name"]!.GetValue<string>() == "disk0")!;
        return [.. (disk["image"]!["snapshots"] as JsonArray ?? []).Select(s => s!["name"]!.GetValue<string>())];
    }

    /// <summary>What QEMU's open descriptors point at, read from /proc/PID/fd.</summary>
    private List<string> QemuDescriptorTargets() =>
        [.. new DirectoryInfo($"/proc/{_qemu!.Pid}/fd").EnumerateFileSystemInfos().Select(f => f.LinkTarget ?? "")];

    /// <summary>Records reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<QmpJobProgress>
    {
        private readonly ConcurrentQueue<QmpJobProgress> _reports = new();

        public IReadOnlyCollection<QmpJobProgress> Reports => _reports;

        public void Report(QmpJobProgress value) => _reports.Enqueue(value);
    }
}
