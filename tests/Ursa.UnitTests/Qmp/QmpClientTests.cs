using System.Text.Json.Nodes;
using Ursa.Qmp;
using Ursa.UnitTests.Testing;

namespace Ursa.UnitTests.Qmp;

public sealed class QmpClientTests
{
    private static readonly TimeSpan Deadline = FakeQmpServer.Deadline;

    [Fact]
    public async Task ConnectAsync_Greeting_ExposesVersionAndNegotiatesCapabilities()
    {
        await using var server = FakeQmpServer.Start();
        var connecting = QmpClient.ConnectAsync(server.SocketPath);
        var capabilities = await server.AcceptAsync();
        await using var client = await connecting.WaitAsync(Deadline);

        Assert.Equal(new QmpVersion(7, 2, 22, "Debian 1:7.2+dfsg-7"), client.Version);
        Assert.Equal("qmp_capabilities", capabilities["execute"]!.GetValue<string>());
        Assert.NotNull(capabilities["id"]);
        Assert.False(client.Closed.IsCompleted);
    }

    [Fact]
    public async Task ConnectAsync_EventBeforeGreeting_IsPassedOver()
    {
        await using var server = FakeQmpServer.Start();
        var connecting = QmpClient.ConnectAsync(server.SocketPath);
        await server.AcceptAsync("""{"timestamp": {"seconds": 1795317408, "microseconds": 992108}, "event": "RESUME"}""");
        await using var client = await connecting.WaitAsync(Deadline);

        Assert.Equal(new QmpVersion(7, 2, 22, "Debian 1:7.2+dfsg-7"), client.Version);
    }

    [Theory]
    [InlineData("""{"return": {}}""")]
    [InlineData("""{"event": 7}""")]
    [InlineData("SSH-2.0-OpenSSH_9.2")]
    public async Task ConnectAsync_FirstLineNeitherEventNorGreeting_IsRefused(string line)
    {
        await using var server = FakeQmpServer.Start();
        var connecting = QmpClient.ConnectAsync(server.SocketPath);
        await server.AcceptOnlyAsync();
        await server.SendLineAsync(line);

        var refused = await Assert.ThrowsAsync<QmpConnectionException>(() => connecting.WaitAsync(Deadline));
        Assert.Contains("not a QMP server", refused.Message);
    }

    [Fact]
    public async Task ConnectAsync_OnlyEventsAndNoGreeting_IsRefused()
    {
        await using var server = FakeQmpServer.Start();
        var connecting = QmpClient.ConnectAsync(server.SocketPath);
        await server.AcceptOnlyAsync();
        for (var i = 0; i < 17; i++)
        {
            await server.SendLineAsync("""{"event": "RESUME"}""");
        }

        var refused = await Assert.ThrowsAsync<QmpConnectionException>(() => connecting.WaitAsync(Deadline));
        Assert.Contains("RESUME", refused.Message);
    }

    [Fact]
    public async Task ExecuteAsync_RepliesOutOfOrder_EachCallerGetsItsOwnReply()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        var calls = new[] { "query-status", "query-name", "query-uuid" }
            .ToDictionary(c => c, c => qmp.Client.ExecuteAsync(c));
        var received = new List<JsonObject>();
        for (var i = 0; i < calls.Count; i++)
        {
            received.Add(await qmp.Server.ReadCommandAsync());
        }

        Assert.Equal(3, received.Select(c => c["id"]!.ToJsonString()).Distinct().Count());
        foreach (var command in Enumerable.Reverse(received))
        {
            await qmp.Server.ReplyAsync(command, new JsonObject { ["answers"] = command["execute"]!.GetValue<string>() });
        }

        foreach (var (command, call) in calls)
        {
            JsonAssert.Equal($$"""{"answers":"{{command}}"}""", await call.WaitAsync(Deadline));
        }
    }

    [Fact]
    public async Task ExecuteAsync_Arguments_AreSentAndStayTheCallers()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        var arguments = new JsonObject { ["driver"] = "virtio-net-pci", ["id"] = "nic1", ["bus"] = "rp1" };

        var call = qmp.Client.ExecuteAsync("device_add", arguments);
        var command = await qmp.Server.ReadCommandAsync();
        await qmp.Server.ReplyAsync(command, new JsonObject());

        JsonAssert.Equal("""{"driver":"virtio-net-pci","id":"nic1","bus":"rp1"}""", command["arguments"]);
        JsonAssert.Equal("{}", await call.WaitAsync(Deadline));
        Assert.Null(arguments.Parent);
    }

    [Fact]
    public async Task ExecuteAsync_ErrorReply_ThrowsQmpExceptionWithClassAndDescription()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        var call = qmp.Client.ExecuteAsync("device_del", new JsonObject { ["id"] = "nope" });
        await qmp.Server.ErrorAsync(await qmp.Server.ReadCommandAsync(), "DeviceNotFound", "Device 'nope' not found");

        var error = await Assert.ThrowsAsync<QmpException>(() => call.WaitAsync(Deadline));
        Assert.Equal("DeviceNotFound", error.Class);
        Assert.Equal("Device 'nope' not found", error.Description);
        Assert.Equal("device_del", error.Command);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledCall_LateReplyIsIgnoredAndLaterCallsWork()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        using var cancel = new CancellationTokenSource();

        var abandoned = qmp.Client.ExecuteAsync("query-status", null, cancel.Token);
        var first = await qmp.Server.ReadCommandAsync();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned.WaitAsync(Deadline));
        await qmp.Server.ReplyAsync(first, "late");

        var next = qmp.Client.ExecuteAsync("query-name");
        await qmp.Server.ReplyAsync(await qmp.Server.ReadCommandAsync(), "on time");
        Assert.Equal("on time", (await next.WaitAsync(Deadline))!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeWriting_ConnectionStaysUp()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => qmp.Client.ExecuteAsync("stop", null, new CancellationToken(canceled: true)));

        var next = qmp.Client.ExecuteAsync("query-name");
        var command = await qmp.Server.ReadCommandAsync();
        await qmp.Server.ReplyAsync(command, "up");
        Assert.Equal("query-name", command["execute"]!.GetValue<string>());
        Assert.Equal("up", (await next.WaitAsync(Deadline))!.GetValue<string>());
        Assert.False(qmp.Client.Closed.IsCompleted);
    }

    [Fact]
    public async Task ConnectionDrop_FailsPendingCallsEndsEventsAndCompletesClosed()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        var events = qmp.Client.ReadEventsAsync().ToListAsync().AsTask();
        using var waiter = qmp.Client.ExpectEvent("SHUTDOWN");
        var pending = qmp.Client.ExecuteAsync("query-status");
        await qmp.Server.ReadCommandAsync();
        await qmp.Server.EventAsync("STOP");

        qmp.Server.Drop();

        var error = await Assert.ThrowsAsync<QmpConnectionException>(() => pending.WaitAsync(Deadline));
        Assert.Contains("query-status", error.Message);
        Assert.Equal(["STOP"], (await events.WaitAsync(Deadline)).Select(e => e.Name));
        await Assert.ThrowsAsync<QmpConnectionException>(() => waiter.WaitAsync().WaitAsync(Deadline));
        await qmp.Client.Closed.WaitAsync(Deadline);
        await Assert.ThrowsAsync<QmpConnectionException>(() => qmp.Client.ExecuteAsync("query-name"));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"event": "STOP", "timestamp": {"seconds": "soon"}}""")]
    public async Task UnreadableMessage_EndsTheConnectionAndFailsPendingCalls(string line)
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        var pending = qmp.Client.ExecuteAsync("query-status");
        await qmp.Server.ReadCommandAsync();

        await qmp.Server.SendLineAsync(line);

        var error = await Assert.ThrowsAsync<QmpConnectionException>(() => pending.WaitAsync(Deadline));
        Assert.Contains("cannot read", error.Message);
        await qmp.Client.Closed.WaitAsync(Deadline);
    }

    [Fact]
    public async Task SendFileDescriptorAsync_DescriptorArrivesAsScmRightsWithGetfd()
    {
        await using var qmp = await FakeQmpConnection.OpenAsync();
        var file = Path.Combine(Path.GetDirectoryName(qmp.Server.SocketPath)!, "passed.txt");
        await File.WriteAllTextAsync(file, "passed");
        using var handle = File.OpenHandle(file);

        var sending = qmp.Client.SendFileDescriptorAsync("tap0", handle);
        var (command, received) = await qmp.Server.ReadCommandWithDescriptorAsync();
        using (received)
        {
            await qmp.Server.ReplyAsync(command, new JsonObject());
            await sending.WaitAsync(Deadline);

            JsonAssert.Equal("""{"fdname":"tap0"}""", command["arguments"]);
            Assert.Equal("getfd", command["execute"]!.GetValue<string>());
            Assert.False(received.IsInvalid, "no SCM_RIGHTS descriptor came with getfd");
            Assert.NotEqual(handle.DangerousGetHandle(), received.DangerousGetHandle());
            Assert.Equal(file, new FileInfo($"/proc/self/fd/{received.DangerousGetHandle()}").LinkTarget);
        }
    }
}
