using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Ursa.Grpc;

namespace Ursa.UnitTests.Grpc;

/// <summary>
/// Calls run outside the caller's <see cref="Activity"/> (so SocketsHttpHandler starts no per-call activity and
/// writes no trace header), and the caller's activity is current again afterwards.
/// </summary>
public sealed class GrpcChannelActivityTests
{
    private static readonly GrpcMethod<StringValue, StringValue> Echo = new("test.Echo", "Say", StringValue.Parser);
    private static readonly Uri Target = new("http://127.0.0.1:2379");

    [Fact]
    public async Task Unary_WithCallerActivity_SendsOutsideItAndRestoresIt()
    {
        Activity? seenBySender = null;
        var handler = new FakeGrpcHandler((_, _) =>
        {
            seenBySender = Activity.Current;
            return Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, new StringValue { Value = "pong" }));
        });
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());
        using var caller = new Activity("api-request").Start();

        await channel.UnaryAsync(Echo, new StringValue { Value = "ping" }, CancellationToken.None);

        Assert.Null(seenBySender);
        Assert.Same(caller, Activity.Current);
        Assert.False(handler.Requests[0].Request.Headers.Contains("traceparent"));
    }

    [Fact]
    public async Task Duplex_WithCallerActivity_StartsOutsideItAndRestoresIt()
    {
        Activity? seenBySender = null;
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null)));
        var recording = new ActivityRecordingHandler(handler, activity => seenBySender = activity);
        await using var channel = new GrpcChannel(Target, recording, new GrpcChannelOptions());
        using var caller = new Activity("api-request").Start();

        await using IGrpcDuplexCall<StringValue, StringValue> call = channel.StartDuplex(Echo, CancellationToken.None);

        Assert.Same(caller, Activity.Current);
        await call.CompleteRequestsAsync();
        Assert.Null(await call.ReadAsync(CancellationToken.None));
        Assert.Null(seenBySender);
    }

    /// <summary>Notes <see cref="Activity.Current"/> when a request starts, as SocketsHttpHandler's diagnostics stage would.</summary>
    private sealed class ActivityRecordingHandler(HttpMessageHandler inner, Action<Activity?> record) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            record(Activity.Current);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
