using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.UnitTests.Grpc;

namespace Ursa.UnitTests.Cri;

public sealed class CriClientTests
{
    private static readonly Uri Target = new("unix:///run/containerd/containerd.sock");
    private static readonly CancellationToken None = CancellationToken.None;

    // Every RPC with the path containerd routes it by; a typo in a name here or in CriMethods fails one row.
    public static TheoryData<string, Func<CriClient, Task>> Calls => new()
    {
        { "/runtime.v1.RuntimeService/Version", c => c.VersionAsync(new(), None) },
        { "/runtime.v1.RuntimeService/Status", c => c.StatusAsync(new(), None) },
        { "/runtime.v1.RuntimeService/UpdateRuntimeConfig", c => c.UpdateRuntimeConfigAsync(new(), None) },
        { "/runtime.v1.RuntimeService/RunPodSandbox", c => c.RunPodSandboxAsync(new(), None) },
        { "/runtime.v1.RuntimeService/StopPodSandbox", c => c.StopPodSandboxAsync(new(), None) },
        { "/runtime.v1.RuntimeService/RemovePodSandbox", c => c.RemovePodSandboxAsync(new(), None) },
        { "/runtime.v1.RuntimeService/PodSandboxStatus", c => c.PodSandboxStatusAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ListPodSandbox", c => c.ListPodSandboxAsync(new(), None) },
        { "/runtime.v1.RuntimeService/CreateContainer", c => c.CreateContainerAsync(new(), None) },
        { "/runtime.v1.RuntimeService/StartContainer", c => c.StartContainerAsync(new(), None) },
        { "/runtime.v1.RuntimeService/StopContainer", c => c.StopContainerAsync(new(), None) },
        { "/runtime.v1.RuntimeService/RemoveContainer", c => c.RemoveContainerAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ListContainers", c => c.ListContainersAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ContainerStatus", c => c.ContainerStatusAsync(new(), None) },
        { "/runtime.v1.RuntimeService/UpdateContainerResources", c => c.UpdateContainerResourcesAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ReopenContainerLog", c => c.ReopenContainerLogAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ExecSync", c => c.ExecSyncAsync(new(), None) },
        { "/runtime.v1.RuntimeService/Exec", c => c.ExecAsync(new(), None) },
        { "/runtime.v1.RuntimeService/Attach", c => c.AttachAsync(new(), None) },
        { "/runtime.v1.RuntimeService/PortForward", c => c.PortForwardAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ContainerStats", c => c.ContainerStatsAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ListContainerStats", c => c.ListContainerStatsAsync(new(), None) },
        { "/runtime.v1.RuntimeService/PodSandboxStats", c => c.PodSandboxStatsAsync(new(), None) },
        { "/runtime.v1.RuntimeService/ListPodSandboxStats", c => c.ListPodSandboxStatsAsync(new(), None) },
        { "/runtime.v1.RuntimeService/GetContainerEvents", async c => await c.GetContainerEventsAsync(new(), None).ToListAsync() },
        { "/runtime.v1.ImageService/ListImages", c => c.ListImagesAsync(new(), None) },
        { "/runtime.v1.ImageService/ImageStatus", c => c.ImageStatusAsync(new(), None) },
        { "/runtime.v1.ImageService/PullImage", c => c.PullImageAsync(new(), None) },
        { "/runtime.v1.ImageService/RemoveImage", c => c.RemoveImageAsync(new(), None) },
        { "/runtime.v1.ImageService/ImageFsInfo", c => c.ImageFsInfoAsync(new(), None) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Call_PostsToTheRuntimeV1Path(string path, Func<CriClient, Task> call)
    {
        // An empty message parses as any response type.
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, new Empty())));
        await using var client = new CriClient(new GrpcChannel(Target, handler, new GrpcChannelOptions()));

        await call(client);

        (HttpRequestMessage request, _) = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Post, "http://localhost" + path), (request.Method, request.RequestUri!.ToString()));
    }

    [Fact]
    public async Task RunPodSandbox_SendsTheRequestAndReturnsTheSandboxId()
    {
        var request = new RunPodSandboxRequest
        {
            Config = new PodSandboxConfig
            {
                Metadata = new PodSandboxMetadata { Name = "web", Namespace = "default", Uid = "u-1", Attempt = 2 },
                LogDirectory = "/var/log/pods/default_web_u-1",
                Linux = new LinuxPodSandboxConfig { CgroupParent = "/kubepods/besteffort/podu-1" },
            },
        };
        var handler = new FakeGrpcHandler((_, _) =>
            Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, new RunPodSandboxResponse { PodSandboxId = "abc123" })));
        await using var client = new CriClient(new GrpcChannel(Target, handler, new GrpcChannelOptions()));

        RunPodSandboxResponse response = await client.RunPodSandboxAsync(request, None);

        Assert.Equal("abc123", response.PodSandboxId);
        Assert.Equal(GrpcFrame.Encode(request), Assert.Single(handler.Requests).Body);
    }

    [Fact]
    public async Task ContainerStatus_NotFound_ThrowsGrpcExceptionWithTheRuntimesMessage()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(
            FakeGrpcHandler.TrailersOnly(GrpcStatusCode.NotFound, "an%20error%20occurred%20when%20try%20to%20find%20container%20%22x%22:%20not%20found")));
        await using var client = new CriClient(new GrpcChannel(Target, handler, new GrpcChannelOptions()));

        var error = await Assert.ThrowsAsync<GrpcException>(() => client.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = "x" }, None));

        Assert.Equal((GrpcStatusCode.NotFound, "an error occurred when try to find container \"x\": not found"), (error.StatusCode, error.Detail));
    }

    [Fact]
    public async Task GetContainerEvents_StreamsEveryEventUntilTheServerEndsTheCall()
    {
        IMessage[] events =
        [
            new ContainerEventResponse { ContainerId = "a", ContainerEventType = ContainerEventType.ContainerCreatedEvent },
            new ContainerEventResponse { ContainerId = "a", ContainerEventType = ContainerEventType.ContainerStartedEvent },
        ];
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, events)));
        await using var client = new CriClient(new GrpcChannel(Target, handler, new GrpcChannelOptions()));

        List<ContainerEventResponse> received = await client.GetContainerEventsAsync(new GetEventsRequest(), None).ToListAsync();

        Assert.Equal(events, received);
    }

    [Fact]
    public async Task DisposeAsync_DisposesTheChannel()
    {
        var handler = new FakeGrpcHandler((_, _) => Task.FromResult(FakeGrpcHandler.Reply(GrpcStatusCode.OK, null, new Empty())));
        var client = new CriClient(new GrpcChannel(Target, handler, new GrpcChannelOptions()));

        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.VersionAsync(new VersionRequest(), None));
    }
}
