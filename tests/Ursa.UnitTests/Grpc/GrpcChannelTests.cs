using System.Net;
using Google.Protobuf.WellKnownTypes;
using Ursa.Grpc;

namespace Ursa.UnitTests.Grpc;

public sealed class GrpcChannelTests
{
    private static readonly GrpcMethod<StringValue, StringValue> Echo = new("test.Echo", "Say", StringValue.Parser);
    private static readonly Uri Target = new("http://127.0.0.1:2379");

    [Fact]
    public async Task Unary_Ok_PostsOneFrameWithGrpcHeadersAndParsesReply()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, new StringValue { Value = "pong" })));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        StringValue reply = await channel.UnaryAsync(Echo, new StringValue { Value = "ping" }, CancellationToken.None);

        Assert.Equal("pong", reply.Value);
        (HttpRequestMessage request, byte[] body) = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "http://127.0.0.1:2379/test.Echo/Say", HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact),
            (request.Method, request.RequestUri!.ToString(), request.Version, request.VersionPolicy));
        Assert.Equal("trailers", request.Headers.TE.ToString());
        Assert.Equal("application/grpc", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(GrpcFrame.Encode(new StringValue { Value = "ping" }), body);
    }

    [Fact]
    public async Task Unary_TrailersOnlyError_ThrowsItsStatus()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.TrailersOnly(GrpcStatusCode.OutOfRange, "etcdserver:%20mvcc:%20required%20revision%20has%20been%20compacted")));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal((GrpcStatusCode.OutOfRange, "etcdserver: mvcc: required revision has been compacted"), (error.StatusCode, error.Detail));
    }

    [Fact]
    public async Task Unary_ErrorInTrailersAfterMessage_Throws()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.Unavailable, "etcdserver: no leader", new StringValue { Value = "partial" })));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal((GrpcStatusCode.Unavailable, "etcdserver: no leader"), (error.StatusCode, error.Detail));
    }

    [Fact]
    public async Task Unary_NoStatusInTrailers_IsUnknown()
    {
        var handler = new FakeGrpcHandler((_, _) =>
        {
            HttpResponseMessage response = FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, new StringValue());
            response.TrailingHeaders.Clear();
            return Task.FromResult(response);
        });
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal(GrpcStatusCode.Unknown, error.StatusCode);
    }

    [Fact]
    public async Task Unary_OkWithoutMessage_IsInternal()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null)));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal(GrpcStatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Unary_Http503FromProxy_IsUnavailable()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal(GrpcStatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Unary_ConnectionRefused_IsUnavailableAndNotSent()
    {
        var handler = new FakeGrpcHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:2379)"));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal((GrpcStatusCode.Unavailable, true), (error.StatusCode, error.RequestNotSent));
    }

    [Fact]
    public async Task Unary_ConnectionLostAfterSending_IsUnavailableButMaybeSent()
    {
        var handler = new FakeGrpcHandler((_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var error = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Echo, new StringValue(), CancellationToken.None));

        Assert.Equal((GrpcStatusCode.Unavailable, false), (error.StatusCode, error.RequestNotSent));
    }

    [Fact]
    public async Task Unary_CallerCancels_ThrowsOperationCanceled()
    {
        var handler = new FakeGrpcHandler(async (_, _) =>
        {
            await Task.Delay(Timeout.Infinite);
            return new HttpResponseMessage();
        });
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.UnaryAsync(Echo, new StringValue(), deadline.Token));
    }

    [Fact]
    public async Task ServerStreaming_YieldsEveryMessageThenEnds()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(
            GrpcStatusCode.OK, null, new StringValue { Value = "1" }, new StringValue { Value = "2" }, new StringValue { Value = "3" })));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());

        var values = new List<string>();
        await foreach (StringValue value in channel.ServerStreamingAsync(Echo, new StringValue(), CancellationToken.None))
        {
            values.Add(value.Value);
        }

        Assert.Equal(["1", "2", "3"], values);
    }

    [Fact]
    public async Task ServerStreaming_ErrorAfterMessages_YieldsThemThenThrows()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.Aborted, "gone", new StringValue { Value = "1" })));
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());
        var values = new List<string>();

        var error = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (StringValue value in channel.ServerStreamingAsync(Echo, new StringValue(), CancellationToken.None))
            {
                values.Add(value.Value);
            }
        });

        Assert.Equal(["1"], values);
        Assert.Equal(GrpcStatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task Duplex_WritesReachServerAsFramesAndRepliesAreRead()
    {
        // The fake reads the whole request stream (so it answers after CompleteRequestsAsync) and echoes it.
        var handler = new FakeGrpcHandler(async (_, body) =>
        {
            var echoed = new List<StringValue>();
            using var stream = new MemoryStream(body);
            while (await GrpcFrame.ReadAsync(stream, 1024, CancellationToken.None) is { } frame)
            {
                echoed.Add(new StringValue { Value = "echo " + StringValue.Parser.ParseFrom(frame).Value });
            }

            return FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, [.. echoed]);
        });
        await using var channel = new GrpcChannel(Target, handler, new GrpcChannelOptions());
        await using IGrpcDuplexCall<StringValue, StringValue> call = channel.StartDuplex(Echo, CancellationToken.None);

        await call.WriteAsync(new StringValue { Value = "a" }, CancellationToken.None);
        await call.WriteAsync(new StringValue { Value = "b" }, CancellationToken.None);
        await call.CompleteRequestsAsync();
        StringValue? first = await call.ReadAsync(CancellationToken.None);
        StringValue? second = await call.ReadAsync(CancellationToken.None);
        StringValue? end = await call.ReadAsync(CancellationToken.None);

        Assert.Equal(("echo a", "echo b"), (first!.Value, second!.Value));
        Assert.Null(end);
    }

    [Fact]
    public void Constructor_UnsupportedScheme_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GrpcChannel(new Uri("ftp://127.0.0.1"), new GrpcChannelOptions()));
    }
}
