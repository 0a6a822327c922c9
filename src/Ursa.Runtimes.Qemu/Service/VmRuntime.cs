using System.Reflection;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Images;
using Ursa.Runtimes.Qemu.Sandboxes;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// The VM runtime as the CRI's services (<see cref="IRuntimeService"/>, <see cref="IImageService"/>) plus Ursa's VM
/// extension (<see cref="IVirtualMachineService"/>), over <see cref="VmManager"/> and the disk image store: a sandbox
/// is the pod's network namespace, the pod's one container is its VM. The same object serves gRPC
/// (<see cref="VmRuntimeRoutes"/>, for <c>ursa vm-runtime</c>) and is called directly by an agent that runs the
/// runtime in its own process - no socket, no HTTP/2 on either side.
/// <code>
///  agent ──IRuntimeService──▶ VmRuntime ──▶ VmManager ──▶ QEMU (QMP)         (in-process)
///  agent ──CriClient──h2c──▶ GrpcUnixServer ──VmRuntimeRoutes──▶ VmRuntime     (ursa vm-runtime)
/// </code>
/// </summary>
/// <remarks>
/// Errors are <see cref="GrpcException"/>s on both paths: what the runtime itself throws for a bad request keeps its
/// status code, anything else becomes <see cref="GrpcStatusCode.Unknown"/> with its message - what the gRPC server
/// would answer - so a caller handles one exception type whichever way it reaches the runtime. Cancellation by the
/// caller's token stays an <see cref="OperationCanceledException"/>. All members are safe to call concurrently.
/// </remarks>
public sealed partial class VmRuntime(VmManager manager, VmRuntimeOptions options, IDiskImageStore images) : IRuntimeService, IImageService, IVirtualMachineService
{
    private const string NoExec = "a VM has no exec: use its console (kubectl attach, ursa vm console)";

    /// <summary>The runtime's sandboxes and VMs.</summary>
    public VmManager Manager => manager;

    /// <inheritdoc/>
    public Task<VersionResponse> VersionAsync(VersionRequest request, CancellationToken cancellationToken) => Task.FromResult(new VersionResponse
    {
        Version = "0.1.0",
        RuntimeName = "ursa-vm",
        RuntimeVersion = typeof(VmRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
        RuntimeApiVersion = "v1",
    });

    /// <inheritdoc/>
    public Task<StatusResponse> StatusAsync(StatusRequest request, CancellationToken cancellationToken)
    {
        var qemu = File.Exists(options.QemuBinary);
        var network = options.Network.ConfigListFile is null || File.Exists(options.Network.ConfigListFile);
        return Task.FromResult(new StatusResponse
        {
            Status = new RuntimeStatus
            {
                Conditions =
                {
                    new RuntimeCondition { Type = "RuntimeReady", Status = qemu, Reason = qemu ? string.Empty : "QemuMissing", Message = qemu ? string.Empty : $"{options.QemuBinary} not found" },
                    new RuntimeCondition { Type = "NetworkReady", Status = network, Reason = network ? string.Empty : "NetworkPluginNotReady", Message = network ? string.Empty : $"CNI config {options.Network.ConfigListFile} not found" },
                },
            },
        });
    }

    /// <inheritdoc/>
    public Task<UpdateRuntimeConfigResponse> UpdateRuntimeConfigAsync(UpdateRuntimeConfigRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new UpdateRuntimeConfigResponse());

    /// <inheritdoc/>
    public Task<RunPodSandboxResponse> RunPodSandboxAsync(RunPodSandboxRequest request, CancellationToken cancellationToken) => Guard(async () =>
        new RunPodSandboxResponse { PodSandboxId = (await manager.RunSandboxAsync(request.Config ?? throw Invalid("config: required"), cancellationToken).ConfigureAwait(false)).Id }, cancellationToken);

    /// <inheritdoc/>
    public Task<StopPodSandboxResponse> StopPodSandboxAsync(StopPodSandboxRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.StopSandboxAsync(request.PodSandboxId, cancellationToken).ConfigureAwait(false);
        return new StopPodSandboxResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<RemovePodSandboxResponse> RemovePodSandboxAsync(RemovePodSandboxRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.RemoveSandboxAsync(request.PodSandboxId, cancellationToken).ConfigureAwait(false);
        return new RemovePodSandboxResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<PodSandboxStatusResponse> PodSandboxStatusAsync(PodSandboxStatusRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(new PodSandboxStatusResponse { Status = SandboxStatus(manager.Sandbox(request.PodSandboxId)) }), cancellationToken);

    /// <inheritdoc/>
    public Task<ListPodSandboxResponse> ListPodSandboxAsync(ListPodSandboxRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(new ListPodSandboxResponse { Items = { manager.Sandboxes.Where(s => Matches(s, request.Filter)).Select(ToPodSandbox) } }), cancellationToken);

    /// <inheritdoc/>
    public Task<CreateContainerResponse> CreateContainerAsync(CreateContainerRequest request, CancellationToken cancellationToken) =>
        Task.FromException<CreateContainerResponse>(Invalid("VM pods are created with ursa.vm.v1.VirtualMachineService/CreateVirtualMachine"));

    /// <inheritdoc/>
    public Task<StartContainerResponse> StartContainerAsync(StartContainerRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).StartAsync(cancellationToken).ConfigureAwait(false);
        return new StartContainerResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<StopContainerResponse> StopContainerAsync(StopContainerRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.Vm(request.ContainerId).StopAsync(TimeSpan.FromSeconds(Math.Max(0, request.Timeout)), cancellationToken).ConfigureAwait(false);
        return new StopContainerResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<RemoveContainerResponse> RemoveContainerAsync(RemoveContainerRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await manager.RemoveVmAsync(request.ContainerId, cancellationToken).ConfigureAwait(false);
        return new RemoveContainerResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<ListContainersResponse> ListContainersAsync(ListContainersRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(new ListContainersResponse { Containers = { manager.Vms.Select(v => v.ToContainer()).Where(c => Matches(c, request.Filter)) } }), cancellationToken);

    /// <inheritdoc/>
    public Task<ContainerStatusResponse> ContainerStatusAsync(ContainerStatusRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(new ContainerStatusResponse { Status = manager.Vm(request.ContainerId).ToContainerStatus() }), cancellationToken);

    /// <inheritdoc/>
    public Task<ExecSyncResponse> ExecSyncAsync(ExecSyncRequest request, CancellationToken cancellationToken) =>
        Task.FromException<ExecSyncResponse>(new GrpcException(GrpcStatusCode.Unimplemented, NoExec));

    /// <inheritdoc/>
    public Task<ExecResponse> ExecAsync(ExecRequest request, CancellationToken cancellationToken) =>
        Task.FromException<ExecResponse>(new GrpcException(GrpcStatusCode.Unimplemented, NoExec));

    /// <inheritdoc/>
    public Task<AttachResponse> AttachAsync(AttachRequest request, CancellationToken cancellationToken) =>
        Task.FromException<AttachResponse>(new GrpcException(GrpcStatusCode.Unimplemented, "attach to a VM through ursa.vm.v1.VirtualMachineService/Console"));

    /// <summary>Runs <paramref name="call"/> with the runtime's errors as <see cref="GrpcException"/>s (see the remarks on the type).</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not GrpcException and not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new GrpcException(GrpcStatusCode.Unknown, e.Message, e);
        }
    }

    private static PodSandboxStatus SandboxStatus(SandboxRecord sandbox)
    {
        var config = PodSandboxConfig.Parser.ParseFrom(sandbox.Config);
        return new PodSandboxStatus
        {
            Id = sandbox.Id,
            Metadata = config.Metadata,
            State = sandbox.Ready ? PodSandboxState.SandboxReady : PodSandboxState.SandboxNotready,
            CreatedAt = sandbox.CreatedAt.ToUnixTimeMilliseconds() * 1_000_000,
            Network = new PodSandboxNetworkStatus { Ip = sandbox.Address ?? string.Empty },
            Labels = { config.Labels },
            Annotations = { config.Annotations },
        };
    }

    private static PodSandbox ToPodSandbox(SandboxRecord sandbox)
    {
        var config = PodSandboxConfig.Parser.ParseFrom(sandbox.Config);
        return new PodSandbox
        {
            Id = sandbox.Id,
            Metadata = config.Metadata,
            State = sandbox.Ready ? PodSandboxState.SandboxReady : PodSandboxState.SandboxNotready,
            CreatedAt = sandbox.CreatedAt.ToUnixTimeMilliseconds() * 1_000_000,
            Labels = { config.Labels },
            Annotations = { config.Annotations },
        };
    }

    private static bool Matches(SandboxRecord sandbox, PodSandboxFilter? filter)
    {
        if (filter is null)
        {
            return true;
        }

        var config = PodSandboxConfig.Parser.ParseFrom(sandbox.Config);
        return (filter.Id.Length == 0 || sandbox.Id.StartsWith(filter.Id, StringComparison.Ordinal))
            && (filter.State is null || filter.State.State == (sandbox.Ready ? PodSandboxState.SandboxReady : PodSandboxState.SandboxNotready))
            && filter.LabelSelector.All(l => config.Labels.TryGetValue(l.Key, out var v) && v == l.Value);
    }

    private static bool Matches(Container container, ContainerFilter? filter) =>
        filter is null
        || ((filter.Id.Length == 0 || container.Id.StartsWith(filter.Id, StringComparison.Ordinal))
            && (filter.PodSandboxId.Length == 0 || container.PodSandboxId.StartsWith(filter.PodSandboxId, StringComparison.Ordinal))
            && (filter.State is null || filter.State.State == container.State)
            && filter.LabelSelector.All(l => container.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    private static GrpcException Invalid(string message) => new(GrpcStatusCode.InvalidArgument, message);
}
