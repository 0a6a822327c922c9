using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Service;

namespace Ursa.UnitTests.Runtimes.Qemu.Service;

/// <summary>The in-process console call ends as a gRPC duplex call would: null after a normal end, the status as a GrpcException.</summary>
public sealed class InProcessDuplexCallTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReadAsync_HandlerEchoesThenEnds_ReturnsEachResponseThenNull()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await using var call = new InProcessDuplexCall<string, string>(async (requests, write, ct) =>
        {
            await foreach (var r in requests.WithCancellation(ct))
            {
                await write("echo " + r, ct);
            }
        }, timeout.Token);

        await call.WriteAsync("a", timeout.Token);
        await call.WriteAsync("b", timeout.Token);
        await call.CompleteRequestsAsync();

        Assert.Equal("echo a", await call.ReadAsync(timeout.Token));
        Assert.Equal("echo b", await call.ReadAsync(timeout.Token));
        Assert.Null(await call.ReadAsync(timeout.Token));
    }

    [Fact]
    public async Task ReadAsync_HandlerThrowsGrpcException_KeepsItsStatusAfterEarlierResponses()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await using var call = new InProcessDuplexCall<string, string>(async (_, write, ct) =>
        {
            await write("first", ct);
            throw new GrpcException(GrpcStatusCode.FailedPrecondition, "console closed");
        }, timeout.Token);

        Assert.Equal("first", await call.ReadAsync(timeout.Token));
        var e = await Assert.ThrowsAsync<GrpcException>(() => call.ReadAsync(timeout.Token).AsTask());
        Assert.Equal((GrpcStatusCode.FailedPrecondition, "console closed"), (e.StatusCode, e.Detail));
    }

    [Fact]
    public async Task ReadAsync_HandlerThrowsOtherException_IsUnknownWithItsMessage()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await using var call = new InProcessDuplexCall<string, string>((_, _, _) => throw new IOException("qmp socket gone"), timeout.Token);

        var e = await Assert.ThrowsAsync<GrpcException>(() => call.ReadAsync(timeout.Token).AsTask());
        Assert.Equal((GrpcStatusCode.Unknown, "qmp socket gone"), (e.StatusCode, e.Detail));
    }

    [Fact]
    public async Task DisposeAsync_EndsAHandlerStillReading()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = new InProcessDuplexCall<string, string>(async (requests, _, ct) =>
        {
            try
            {
                await foreach (var request in requests.WithCancellation(ct))
                {
                    Assert.Fail($"no request was written, got {request}");
                }
            }
            finally
            {
                ended.TrySetResult();
            }
        }, timeout.Token);

        await call.DisposeAsync();

        await ended.Task.WaitAsync(timeout.Token);
    }
}
