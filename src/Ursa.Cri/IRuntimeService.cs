using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.Cri;

/// <summary>
/// The CRI <c>runtime.v1.RuntimeService</c>: pod sandboxes, containers, exec and stats, one method per RPC with
/// the upstream request and response messages (<see cref="V1"/>).
/// </summary>
/// <remarks>
/// <para>Concurrency: every method is safe to call concurrently; calls multiplex on one connection.</para>
/// <para>Errors: a status other than OK is a <see cref="GrpcException"/> carrying the runtime's
/// <see cref="GrpcException.StatusCode"/> and message (e.g. <see cref="GrpcStatusCode.NotFound"/> for an unknown
/// sandbox or container ID, <see cref="GrpcStatusCode.Unavailable"/> when the runtime's socket cannot be
/// reached). Cancelling <c>cancellationToken</c> aborts the call with <see cref="OperationCanceledException"/>;
/// the runtime may still complete the operation, so callers reconcile by listing afterwards.</para>
/// <para>Idempotence (per the CRI contract): Stop/Remove of sandboxes and containers succeed when already done;
/// Create/Run are not idempotent: pass a new <c>attempt</c> in the metadata for a retry.</para>
/// </remarks>
public interface IRuntimeService
{
    /// <summary>The runtime's name and version and the CRI version it serves.</summary>
    Task<VersionResponse> VersionAsync(VersionRequest request, CancellationToken cancellationToken);

    /// <summary>The runtime's conditions (<c>RuntimeReady</c>, <c>NetworkReady</c>).</summary>
    Task<StatusResponse> StatusAsync(StatusRequest request, CancellationToken cancellationToken);

    /// <summary>Passes runtime settings the agent owns (the node's pod CIDR).</summary>
    Task<UpdateRuntimeConfigResponse> UpdateRuntimeConfigAsync(UpdateRuntimeConfigRequest request, CancellationToken cancellationToken);

    /// <summary>Creates and starts a pod sandbox (network namespace, pause process); ready on success.</summary>
    Task<RunPodSandboxResponse> RunPodSandboxAsync(RunPodSandboxRequest request, CancellationToken cancellationToken);

    /// <summary>Stops a sandbox's processes (killing its containers) and releases its network; idempotent.</summary>
    Task<StopPodSandboxResponse> StopPodSandboxAsync(StopPodSandboxRequest request, CancellationToken cancellationToken);

    /// <summary>Removes a sandbox and its containers; idempotent.</summary>
    Task<RemovePodSandboxResponse> RemovePodSandboxAsync(RemovePodSandboxRequest request, CancellationToken cancellationToken);

    /// <summary>One sandbox's status (state, IP); <see cref="GrpcStatusCode.NotFound"/> when it does not exist.</summary>
    Task<PodSandboxStatusResponse> PodSandboxStatusAsync(PodSandboxStatusRequest request, CancellationToken cancellationToken);

    /// <summary>The sandboxes matching the filter (all when it is unset).</summary>
    Task<ListPodSandboxResponse> ListPodSandboxAsync(ListPodSandboxRequest request, CancellationToken cancellationToken);

    /// <summary>Creates a container in a sandbox; the image must already be present.</summary>
    Task<CreateContainerResponse> CreateContainerAsync(CreateContainerRequest request, CancellationToken cancellationToken);

    /// <summary>Starts a created container.</summary>
    Task<StartContainerResponse> StartContainerAsync(StartContainerRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stops a container: SIGTERM, then SIGKILL after <see cref="StopContainerRequest.Timeout"/> seconds; idempotent.
    /// The call lasts up to that timeout, so the caller's token must allow it.
    /// </summary>
    Task<StopContainerResponse> StopContainerAsync(StopContainerRequest request, CancellationToken cancellationToken);

    /// <summary>Removes a container (killing it if running); idempotent.</summary>
    Task<RemoveContainerResponse> RemoveContainerAsync(RemoveContainerRequest request, CancellationToken cancellationToken);

    /// <summary>The containers matching the filter (all when it is unset).</summary>
    Task<ListContainersResponse> ListContainersAsync(ListContainersRequest request, CancellationToken cancellationToken);

    /// <summary>One container's status; <see cref="GrpcStatusCode.NotFound"/> when it does not exist.</summary>
    Task<ContainerStatusResponse> ContainerStatusAsync(ContainerStatusRequest request, CancellationToken cancellationToken);

    /// <summary>Changes a running container's cgroup limits.</summary>
    Task<UpdateContainerResourcesResponse> UpdateContainerResourcesAsync(UpdateContainerResourcesRequest request, CancellationToken cancellationToken);

    /// <summary>Asks the runtime to reopen a container's log file (after the agent rotated it).</summary>
    Task<ReopenContainerLogResponse> ReopenContainerLogAsync(ReopenContainerLogRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a command in a container and returns its output and exit code (a non-zero exit code is a result, not an
    /// error). Lasts as long as the command, bounded by <see cref="ExecSyncRequest.Timeout"/> seconds.
    /// </summary>
    Task<ExecSyncResponse> ExecSyncAsync(ExecSyncRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Prepares an interactive exec: returns the URL of the runtime's streaming server for one session
    /// (containerd: on loopback of the runtime's network namespace).
    /// </summary>
    Task<ExecResponse> ExecAsync(ExecRequest request, CancellationToken cancellationToken);

    /// <summary>Prepares an attach to a container's main process: returns a streaming URL.</summary>
    Task<AttachResponse> AttachAsync(AttachRequest request, CancellationToken cancellationToken);

    /// <summary>Prepares a port-forward into a sandbox's network namespace: returns a streaming URL.</summary>
    Task<PortForwardResponse> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken);

    /// <summary>One container's CPU, memory and writable-layer usage.</summary>
    Task<ContainerStatsResponse> ContainerStatsAsync(ContainerStatsRequest request, CancellationToken cancellationToken);

    /// <summary>Usage of the containers matching the filter.</summary>
    Task<ListContainerStatsResponse> ListContainerStatsAsync(ListContainerStatsRequest request, CancellationToken cancellationToken);

    /// <summary>One sandbox's usage (pod cgroup, network, processes) with its containers'.</summary>
    Task<PodSandboxStatsResponse> PodSandboxStatsAsync(PodSandboxStatsRequest request, CancellationToken cancellationToken);

    /// <summary>Usage of the sandboxes matching the filter.</summary>
    Task<ListPodSandboxStatsResponse> ListPodSandboxStatsAsync(ListPodSandboxStatsRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The runtime's stream of container lifecycle events. containerd 1.6 does not implement it: the enumeration
    /// throws <see cref="GrpcException"/> with <see cref="GrpcStatusCode.Unimplemented"/>; poll
    /// <see cref="ListContainersAsync"/> instead.
    /// </summary>
    IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync(GetEventsRequest request, CancellationToken cancellationToken);
}
