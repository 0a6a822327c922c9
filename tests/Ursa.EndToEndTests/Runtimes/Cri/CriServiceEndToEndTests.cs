using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.EndToEndTests.Runtimes.Cri;

/// <summary>Version, status, images and the RPCs containerd 1.6 lacks, against the real containerd.</summary>
[Collection(CriCollection.Name)]
public sealed class CriServiceEndToEndTests(CriFixture fixture) : IDisposable
{
    private readonly CriClient _cri = fixture.Client;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Version_Containerd_ServesRuntimeV1()
    {
        VersionResponse version = await _cri.VersionAsync(new VersionRequest { Version = "v1" }, Timeout());

        Assert.Equal(("containerd", "v1"), (version.RuntimeName, version.RuntimeApiVersion));
        Assert.StartsWith("1.", version.RuntimeVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_64Concurrent_AllAnswered()
    {
        VersionResponse[] versions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => _cri.VersionAsync(new VersionRequest(), Timeout())));

        Assert.All(versions, v => Assert.Equal("containerd", v.RuntimeName));
    }

    [Fact]
    public async Task Status_ManagedContainerd_RuntimeAndNetworkReady()
    {
        StatusResponse status = await _cri.StatusAsync(new StatusRequest { Verbose = true }, Timeout());

        Assert.Equal(
            [("NetworkReady", true), ("RuntimeReady", true)],
            status.Status.Conditions.Select(c => (c.Type, c.Status)).Order());
        // Verbose info is JSON; the streaming server address is what NetworkNamespaceDialer relies on.
        Assert.Contains("\"streamServerAddress\":\"127.0.0.1\"", status.Info["config"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullImage_BusyboxFromLocalRegistry_ImageStatusAndListShowIt()
    {
        PullImageResponse pulled = await _cri.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = CriPods.Busybox } }, Timeout());

        Assert.StartsWith("sha256:", pulled.ImageRef, StringComparison.Ordinal);
        ImageStatusResponse status = await _cri.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = CriPods.Busybox } }, Timeout());
        Assert.Equal(pulled.ImageRef, status.Image.Id);
        Assert.Contains(CriPods.Busybox, status.Image.RepoTags);
        Assert.True(status.Image.Size > 0, "image size");
        ListImagesResponse list = await _cri.ListImagesAsync(new ListImagesRequest(), Timeout());
        Assert.Contains(list.Images, i => i.Id == pulled.ImageRef);
        ImageFsInfoResponse fs = await _cri.ImageFsInfoAsync(new ImageFsInfoRequest(), Timeout());
        Assert.Contains(fs.ImageFilesystems, f => f.FsId.Mountpoint.StartsWith(fixture.Options.RootDirectory, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PullImage_MissingFromRegistry_NotFound()
    {
        var error = await Assert.ThrowsAsync<GrpcException>(() =>
            _cri.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = "ursa.local/does-not-exist:1.0" } }, Timeout()));

        // containerd 1.6.20 keeps the resolver's not-found as the gRPC code; the agent reports ErrImagePull either way.
        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
        Assert.EndsWith("failed to resolve reference \"ursa.local/does-not-exist:1.0\": ursa.local/does-not-exist:1.0: not found", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageStatus_AbsentImage_NullImageNotAnError()
    {
        ImageStatusResponse status = await _cri.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = "ursa.local/absent:1.0" } }, Timeout());

        Assert.Null(status.Image);
    }

    [Fact]
    public async Task ContainerStatus_UnknownId_NotFound()
    {
        var error = await Assert.ThrowsAsync<GrpcException>(() => _cri.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = "0123456789ab" }, Timeout()));

        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetContainerEvents_Containerd16_Unimplemented()
    {
        var error = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (ContainerEventResponse _ in _cri.GetContainerEventsAsync(new GetEventsRequest(), Timeout()))
            {
            }
        });

        Assert.Equal(GrpcStatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task ForUnixSocket_NoSocket_UnavailableAndNotSent()
    {
        await using CriClient client = CriClient.ForUnixSocket(Path.Combine(fixture.Options.DataDirectory, "missing.sock"));

        var error = await Assert.ThrowsAsync<GrpcException>(() => client.VersionAsync(new VersionRequest(), Timeout()));

        Assert.Equal((GrpcStatusCode.Unavailable, true), (error.StatusCode, error.RequestNotSent));
    }

    private CancellationToken Timeout() => _timeout.Token;
}
