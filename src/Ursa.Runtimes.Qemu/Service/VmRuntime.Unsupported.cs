using System.Runtime.CompilerServices;
using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.Runtimes.Qemu.Service;

// What the CRI has and a VM does not (yet): answered Unimplemented, as the gRPC server answers a method it does not map.
public sealed partial class VmRuntime
{
    /// <inheritdoc/>
    public Task<UpdateContainerResourcesResponse> UpdateContainerResourcesAsync(UpdateContainerResourcesRequest request, CancellationToken cancellationToken) =>
        Unimplemented<UpdateContainerResourcesResponse>("UpdateContainerResources (resize a VM with ursa.vm.v1.VirtualMachineService/Resize)");

    /// <inheritdoc/>
    public Task<ReopenContainerLogResponse> ReopenContainerLogAsync(ReopenContainerLogRequest request, CancellationToken cancellationToken) =>
        Unimplemented<ReopenContainerLogResponse>("ReopenContainerLog");

    /// <inheritdoc/>
    public Task<PortForwardResponse> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        Unimplemented<PortForwardResponse>("PortForward");

    /// <inheritdoc/>
    public Task<ContainerStatsResponse> ContainerStatsAsync(ContainerStatsRequest request, CancellationToken cancellationToken) =>
        Unimplemented<ContainerStatsResponse>("ContainerStats");

    /// <inheritdoc/>
    public Task<ListContainerStatsResponse> ListContainerStatsAsync(ListContainerStatsRequest request, CancellationToken cancellationToken) =>
        Unimplemented<ListContainerStatsResponse>("ListContainerStats");

    /// <inheritdoc/>
    public Task<PodSandboxStatsResponse> PodSandboxStatsAsync(PodSandboxStatsRequest request, CancellationToken cancellationToken) =>
        Unimplemented<PodSandboxStatsResponse>("PodSandboxStats");

    /// <inheritdoc/>
    public Task<ListPodSandboxStatsResponse> ListPodSandboxStatsAsync(ListPodSandboxStatsRequest request, CancellationToken cancellationToken) =>
        Unimplemented<ListPodSandboxStatsResponse>("ListPodSandboxStats");

    /// <inheritdoc/>
    public async IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync(GetEventsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested)
        {
            throw new GrpcException(GrpcStatusCode.Unimplemented, "GetContainerEvents is not served by the VM runtime: relist");
        }

        yield break;
    }

    private static Task<T> Unimplemented<T>(string method) =>
        Task.FromException<T>(new GrpcException(GrpcStatusCode.Unimplemented, $"{method} is not served by the VM runtime"));
}
