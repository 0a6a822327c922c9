using System.Text.Json.Nodes;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Qmp;

public sealed class QmpEventTests
{
    private static readonly TimeSpan Deadline = FakeQmpServer.Deadline;

    [Fact]
    public async Task Events_InterleavedWithReplies_ReachStreamsAndWaitersInOrder()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        using var cancelStream = new CancellationTokenSource();
        var stream = qmp.Client.ReadEventsAsync(cancelStream.Token).GetAsyncEnumerator();
        using var deleted = qmp.Client.ExpectEvent("DEVICE_DELETED", e => e.Data["device"]?.GetValue<string>() == "nic1");

        var call = qmp.Client.ExecuteAsync("device_del", new JsonObject { ["id"] = "nic1" });
        var command = await qmp.Server.ReadCommandAsync();
        await qmp.Server.EventAsync("DEVICE_DELETED", new JsonObject { ["path"] = "/machine/peripheral/nic1/virtio-backend" });
        await qmp.Server.EventAsync("DEVICE_DELETED", new JsonObject { ["device"] = "nic1", ["path"] = "/machine/peripheral/nic1" }, 1795261077, 595909);
        await qmp.Server.ReplyAsync(command, new JsonObject());
        await qmp.Server.EventAsync("RESUME");

        JsonAssert.Equal("{}", await call.WaitAsync(Deadline));
        var matched = await deleted.WaitAsync().WaitAsync(Deadline);
        Assert.Equal("/machine/peripheral/nic1", matched.Data["path"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795261077).AddTicks(5959090), matched.Timestamp);
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Deadline));
            names.Add(stream.Current.Name + ":" + stream.Current.Data["path"]?.GetValue<string>());
        }

        Assert.Equal(["DEVICE_DELETED:/machine/peripheral/nic1/virtio-backend", "DEVICE_DELETED:/machine/peripheral/nic1", "RESUME:"], names);
        await cancelStream.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.MoveNextAsync().AsTask().WaitAsync(Deadline));
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ExpectEvent_EventWithoutData_HasEmptyData()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        using var stopped = qmp.Client.ExpectEvent("STOP");

        await qmp.Server.EventAsync("STOP");

        var stop = await stopped.WaitAsync().WaitAsync(Deadline);
        Assert.Empty(stop.Data);
    }

    [Fact]
    public async Task ExpectEvent_PredicateThrows_FailsOnlyThatWait()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        using var broken = qmp.Client.ExpectEvent("STOP", _ => throw new InvalidOperationException("bad predicate"));
        using var healthy = qmp.Client.ExpectEvent("STOP");

        await qmp.Server.EventAsync("STOP");

        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.WaitAsync().WaitAsync(Deadline));
        Assert.Equal("STOP", (await healthy.WaitAsync().WaitAsync(Deadline)).Name);
        Assert.False(qmp.Client.Closed.IsCompleted);
    }

    [Fact]
    public async Task ReadEventsAsync_SubscribesAtTheCall_NotAtTheFirstMoveNext()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        var events = qmp.Client.ReadEventsAsync();
        using var marker = qmp.Client.ExpectEvent("RESUME");

        await qmp.Server.EventAsync("STOP");
        await qmp.Server.EventAsync("RESUME");
        await marker.WaitAsync().WaitAsync(Deadline);

        await using var enumerator = events.GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal("STOP", enumerator.Current.Name);
    }
}
