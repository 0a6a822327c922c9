using System.Text.Json.Nodes;
using Ursa.Qmp;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Qmp;

public sealed class QmpCommandsTests
{
    private static readonly TimeSpan Deadline = FakeQmpServer.Deadline;

    [Fact]
    public async Task QueryStatusAsync_Paused_ReportsStatusAndNotRunning()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var status = qmp.Client.QueryStatusAsync();
        await qmp.Server.ReplyAsync(await qmp.Server.ReadCommandAsync(), JsonNode.Parse("""{"status": "paused", "singlestep": false, "running": false}"""));

        Assert.Equal(new QmpStatus("paused", false), await status.WaitAsync(Deadline));
    }

    [Fact]
    public async Task DeviceDelAsync_DeviceDeletedBeforeTheReply_Completes()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var delete = qmp.Client.DeviceDelAsync("nic1", TimeSpan.FromSeconds(5));
        var command = await qmp.Server.ReadCommandAsync();
        await qmp.Server.EventAsync("DEVICE_DELETED", new JsonObject { ["device"] = "nic1", ["path"] = "/machine/peripheral/nic1" });
        await qmp.Server.ReplyAsync(command, new JsonObject());

        await delete.WaitAsync(Deadline);
        Assert.Equal("device_del", command["execute"]!.GetValue<string>());
        JsonAssert.Equal("""{"id":"nic1"}""", command["arguments"]);
    }

    [Fact]
    public async Task DeviceDelAsync_OnlyOtherDevicesDeleted_TimesOutOnTheClientsClock()
    {
        var clock = new TimerSignallingTimeProvider(new ManualTimeProvider());
        await using var qmp = await FakeQmpConnection.OpenAsync(clock);

        var delete = qmp.Client.DeviceDelAsync("nic1", TimeSpan.FromSeconds(5));
        var command = await qmp.Server.ReadCommandAsync();
        await qmp.Server.EventAsync("DEVICE_DELETED", new JsonObject { ["path"] = "/machine/peripheral/nic1/virtio-backend" });
        await qmp.Server.EventAsync("DEVICE_DELETED", new JsonObject { ["device"] = "nic2", ["path"] = "/machine/peripheral/nic2" });
        await qmp.Server.ReplyAsync(command, new JsonObject());
        await clock.TimerCreated.WaitAsync(Deadline);
        Assert.False(delete.IsCompleted, "DeviceDelAsync finished on events for other devices");

        clock.Inner.Advance(TimeSpan.FromSeconds(5));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => delete.WaitAsync(Deadline));
        Assert.Contains("nic1", timeout.Message);
    }

    [Fact]
    public async Task QuitAsync_ConnectionClosesBeforeTheReply_CompletesWhenClosed()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var quit = qmp.Client.QuitAsync();
        Assert.Equal("quit", (await qmp.Server.ReadCommandAsync())["execute"]!.GetValue<string>());
        qmp.Server.Drop();

        await quit.WaitAsync(Deadline);
        Assert.True(qmp.Client.Closed.IsCompleted);
    }

    [Fact]
    public async Task QueryMemorySizeSummaryAsync_NoHotplug_PluggedIsZero()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var summary = qmp.Client.QueryMemorySizeSummaryAsync();
        await qmp.Server.ReplyAsync(await qmp.Server.ReadCommandAsync(), JsonNode.Parse("""{"base-memory": 134217728}"""));

        Assert.Equal(new QmpMemorySize(134217728, 0), await summary.WaitAsync(Deadline));
    }

    /// <summary>A clock that says when a timer is created, so a test advances time only once the deadline exists.</summary>
    private sealed class TimerSignallingTimeProvider(ManualTimeProvider inner) : TimeProvider
    {
        private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualTimeProvider Inner { get; } = inner;

        public Task TimerCreated => _created.Task;

        public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Inner.CreateTimer(callback, state, dueTime, period);
            _created.TrySetResult();
            return timer;
        }
    }
}
