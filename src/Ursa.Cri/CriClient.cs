using Ursa.Cri.Internal;
using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.Cri;

/// <summary>
/// The CRI client: <see cref="IRuntimeService"/> and <see cref="IImageService"/> as unary gRPC calls on one
/// <see cref="IGrpcChannel"/> (HTTP/2, usually over the runtime's unix socket, e.g.
/// <c>/run/containerd/containerd.sock</c>).
/// <code>
///   agent --CriClient--> POST /runtime.v1.RuntimeService/RunPodSandbox (h2c, unix socket) --> containerd CRI plugin
/// </code>
/// </summary>
/// <remarks>All members are safe to call concurrently; errors as documented on the interfaces.</remarks>
public sealed partial class CriClient : IRuntimeService, IImageService, IVirtualMachineService, IAsyncDisposable
{
    private readonly IGrpcChannel _channel;

    /// <summary>Calls the runtime through <paramref name="channel"/>, which the client owns and disposes.</summary>
    public CriClient(IGrpcChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
    }

    /// <summary>The runtime's endpoint.</summary>
    public Uri Target => _channel.Target;

    /// <summary>
    /// A client for the runtime listening on the unix socket <paramref name="socketPath"/>, given as
    /// <c>unix:///run/containerd/containerd.sock</c> or as a plain path. Connects lazily, on the first call.
    /// </summary>
    public static CriClient ForUnixSocket(string socketPath, GrpcChannelOptions? options = null) =>
        new(new GrpcChannel(CriEndpoint.Parse(socketPath), options ?? new GrpcChannelOptions()));

    /// <inheritdoc />
    public Task<VersionResponse> VersionAsync(VersionRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.Version, request, cancellationToken);

    /// <inheritdoc />
    public Task<StatusResponse> StatusAsync(StatusRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.Status, request, cancellationToken);

    /// <inheritdoc />
    public Task<UpdateRuntimeConfigResponse> UpdateRuntimeConfigAsync(UpdateRuntimeConfigRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.UpdateRuntimeConfig, request, cancellationToken);

    /// <inheritdoc />
    public Task<RunPodSandboxResponse> RunPodSandboxAsync(RunPodSandboxRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.RunPodSandbox, request, cancellationToken);

    /// <inheritdoc />
    public Task<StopPodSandboxResponse> StopPodSandboxAsync(StopPodSandboxRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.StopPodSandbox, request, cancellationToken);

    /// <inheritdoc />
    public Task<RemovePodSandboxResponse> RemovePodSandboxAsync(RemovePodSandboxRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.RemovePodSandbox, request, cancellationToken);

    /// <inheritdoc />
    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(PodSandboxStatusRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.PodSandboxStatus, request, cancellationToken);

    /// <inheritdoc />
    public Task<ListPodSandboxResponse> ListPodSandboxAsync(ListPodSandboxRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ListPodSandbox, request, cancellationToken);

    /// <inheritdoc />
    public Task<CreateContainerResponse> CreateContainerAsync(CreateContainerRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.CreateContainer, request, cancellationToken);

    /// <inheritdoc />
    public Task<StartContainerResponse> StartContainerAsync(StartContainerRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.StartContainer, request, cancellationToken);

    /// <inheritdoc />
    public Task<StopContainerResponse> StopContainerAsync(StopContainerRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.StopContainer, request, cancellationToken);

    /// <inheritdoc />
    public Task<RemoveContainerResponse> RemoveContainerAsync(RemoveContainerRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.RemoveContainer, request, cancellationToken);

    /// <inheritdoc />
    public Task<ListContainersResponse> ListContainersAsync(ListContainersRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ListContainers, request, cancellationToken);

    /// <inheritdoc />
    public Task<ContainerStatusResponse> ContainerStatusAsync(ContainerStatusRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ContainerStatus, request, cancellationToken);

    /// <inheritdoc />
    public Task<UpdateContainerResourcesResponse> UpdateContainerResourcesAsync(UpdateContainerResourcesRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.UpdateContainerResources, request, cancellationToken);

    /// <inheritdoc />
    public Task<ReopenContainerLogResponse> ReopenContainerLogAsync(ReopenContainerLogRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ReopenContainerLog, request, cancellationToken);

    /// <inheritdoc />
    public Task<ExecSyncResponse> ExecSyncAsync(ExecSyncRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ExecSync, request, cancellationToken);

    /// <inheritdoc />
    public Task<ExecResponse> ExecAsync(ExecRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.Exec, request, cancellationToken);

    /// <inheritdoc />
    public Task<AttachResponse> AttachAsync(AttachRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.Attach, request, cancellationToken);

    /// <inheritdoc />
    public Task<PortForwardResponse> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.PortForward, request, cancellationToken);

    /// <inheritdoc />
    public Task<ContainerStatsResponse> ContainerStatsAsync(ContainerStatsRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ContainerStats, request, cancellationToken);

    /// <inheritdoc />
    public Task<ListContainerStatsResponse> ListContainerStatsAsync(ListContainerStatsRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ListContainerStats, request, cancellationToken);

    /// <inheritdoc />
    public Task<PodSandboxStatsResponse> PodSandboxStatsAsync(PodSandboxStatsRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.PodSandboxStats, request, cancellationToken);

    /// <inheritdoc />
    public Task<ListPodSandboxStatsResponse> ListPodSandboxStatsAsync(ListPodSandboxStatsRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ListPodSandboxStats, request, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync(GetEventsRequest request, CancellationToken cancellationToken) =>
        _channel.ServerStreamingAsync(CriMethods.GetContainerEvents, request, cancellationToken);

    /// <inheritdoc />
    public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ListImages, request, cancellationToken);

    /// <inheritdoc />
    public Task<ImageStatusResponse> ImageStatusAsync(ImageStatusRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ImageStatus, request, cancellationToken);

    /// <inheritdoc />
    public Task<PullImageResponse> PullImageAsync(PullImageRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.PullImage, request, cancellationToken);

    /// <inheritdoc />
    public Task<RemoveImageResponse> RemoveImageAsync(RemoveImageRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.RemoveImage, request, cancellationToken);

    /// <inheritdoc />
    public Task<ImageFsInfoResponse> ImageFsInfoAsync(ImageFsInfoRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(CriMethods.ImageFsInfo, request, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _channel.DisposeAsync();
}
