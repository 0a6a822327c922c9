using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.Grpc.Server;
using Ursa.IntegrationTests.Infrastructure;

namespace Ursa.IntegrationTests.Grpc;

/// <summary>Our gRPC server side (Kestrel, unix socket) against our own client: framing, status in trailers, streams.</summary>
public sealed class GrpcServiceRouterTests : IAsyncLifetime
{
    private static readonly GrpcMethod<VersionRequest, VersionResponse> Version = new("runtime.v1.RuntimeService", "Version", VersionResponse.Parser);
    private static readonly GrpcMethod<VersionRequest, VersionResponse> Missing = new("runtime.v1.RuntimeService", "NoSuchMethod", VersionResponse.Parser);
    private static readonly GrpcMethod<VersionRequest, VersionResponse> Echo = new("test.Echo", "Chat", VersionResponse.Parser);

    private readonly TestDirectory _directory = new("grpc-server");
    private GrpcUnixServer? _server;
    private GrpcChannel? _channel;

    public async Task InitializeAsync()
    {
        var router = new GrpcServiceRouter()
            .Unary<VersionRequest, VersionResponse>("runtime.v1.RuntimeService", "Version", VersionRequest.Parser, (request, _) =>
                request.Version == "boom"
                    ? throw new GrpcException(GrpcStatusCode.NotFound, "no such thing: 100% \"missing\" ünïcode")
                    : Task.FromResult(new VersionResponse { RuntimeName = "test", RuntimeVersion = request.Version }))
            .Duplex<VersionRequest, VersionResponse>("test.Echo", "Chat", VersionRequest.Parser, async (requests, write, ct) =>
            {
                await foreach (var request in requests.WithCancellation(ct))
                {
                    await write(new VersionResponse { RuntimeVersion = request.Version.ToUpperInvariant() }, ct);
                }
            });
        var socket = Path.Combine(_directory.Path, "grpc.sock");
        _server = await GrpcUnixServer.StartAsync(socket, router, null, CancellationToken.None);
        _channel = new GrpcChannel(new UriBuilder("unix", string.Empty) { Path = socket }.Uri, new GrpcChannelOptions());
    }

    public async Task DisposeAsync()
    {
        if (_channel is not null) await _channel.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Unary_call_returns_the_handlers_response()
    {
        var response = await _channel!.UnaryAsync(Version, new VersionRequest { Version = "v1" }, CancellationToken.None);
        Assert.Equal("test", response.RuntimeName);
        Assert.Equal("v1", response.RuntimeVersion);
    }

    [Fact]
    public async Task Handler_error_reaches_the_client_as_its_status_and_message()
    {
        var e = await Assert.ThrowsAsync<GrpcException>(() => _channel!.UnaryAsync(Version, new VersionRequest { Version = "boom" }, CancellationToken.None));
        Assert.Equal(GrpcStatusCode.NotFound, e.StatusCode);
        Assert.Equal("no such thing: 100% \"missing\" ünïcode", e.Detail);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var e = await Assert.ThrowsAsync<GrpcException>(() => _channel!.UnaryAsync(Missing, new VersionRequest(), CancellationToken.None));
        Assert.Equal(GrpcStatusCode.Unimplemented, e.StatusCode);
        Assert.Contains("NoSuchMethod", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplex_call_streams_both_ways()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var call = _channel!.StartDuplex(Echo, timeout.Token);
        foreach (var word in new[] { "a", "bc", "def" })
        {
            await call.WriteAsync(new VersionRequest { Version = word }, timeout.Token);
            var reply = await call.ReadAsync(timeout.Token);
            Assert.Equal(word.ToUpperInvariant(), reply?.RuntimeVersion);
        }

        await call.CompleteRequestsAsync();
        Assert.Null(await call.ReadAsync(timeout.Token));
    }

    [Fact]
    public async Task Many_concurrent_calls_share_one_connection()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            _channel!.UnaryAsync(Version, new VersionRequest { Version = $"v{i}" }, CancellationToken.None)));
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"v{i}"), replies.Select(r => r.RuntimeVersion));
    }
}
