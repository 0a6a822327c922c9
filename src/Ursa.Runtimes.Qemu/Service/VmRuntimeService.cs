using System.Reflection;
using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.Grpc.Server;
using Ursa.Runtimes.Qemu.Sandboxes;
using Ursa.Runtimes.Qemu.Vms;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// The VM runtime's CRI face: <c>runtime.v1.RuntimeService</c> for VM pods (a sandbox is the pod's network
/// namespace; the pod's one container is its VM), mapped onto <see cref="VmManager"/>.
/// </summary>
public sealed partial class VmRuntimeService(VmManager manager, VmRuntimeOptions options)
{
    private const string Runtime = "runtime.v1.RuntimeService";

    /// <summary>Adds the RuntimeService methods to <paramref name="router"/>.</summary>
    public void Map(GrpcServiceRouter router)
    {
        router
            .Unary<VersionRequest, VersionResponse>(Runtime, "Version", VersionRequest.Parser, (_, _) => Task.FromResult(new VersionResponse
            {
                Version = "0.1.0",
                RuntimeName = "ursa-vm",
                RuntimeVersion = typeof(VmRuntimeService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
                RuntimeApiVersion = "v1",
            }))
            .Unary<StatusRequest, StatusResponse>(Runtime, "Status", StatusRequest.Parser, (_, _) => Task.FromResult(Status()))
            .Unary<UpdateRuntimeConfigRequest, UpdateRuntimeConfigResponse>(Runtime, "UpdateRuntimeConfig", UpdateRuntimeConfigRequest.Parser, (_, _) => Task.FromResult(new UpdateRuntimeConfigResponse()))
            .Unary<RunPodSandboxRequest, RunPodSandboxResponse>(Runtime, "RunPodSandbox", RunPodSandboxRequest.Parser, async (r, ct) =>
                new RunPodSandboxResponse { PodSandboxId = (await manager.RunSandboxAsync(r.Config ?? throw Invalid("config: required"), ct).ConfigureAwait(false)).Id })
            .Unary<StopPodSandboxRequest, StopPodSandboxResponse>(Runtime, "StopPodSandbox", StopPodSandboxRequest.Parser, async (r, ct) =>
            {
                await manager.StopSandboxAsync(r.PodSandboxId, ct).ConfigureAwait(false);
                return new StopPodSandboxResponse();
            })
            .Unary<RemovePodSandboxRequest, RemovePodSandboxResponse>(Runtime, "RemovePodSandbox", RemovePodSandboxRequest.Parser, async (r, ct) =>
            {
                await manager.RemoveSandboxAsync(r.PodSandboxId, ct).ConfigureAwait(false);
                return new RemovePodSandboxResponse();
            })
            .Unary<PodSandboxStatusRequest, PodSandboxStatusResponse>(Runtime, "PodSandboxStatus", PodSandboxStatusRequest.Parser, (r, _) =>
                Task.FromResult(new PodSandboxStatusResponse { Status = SandboxStatus(manager.Sandbox(r.PodSandboxId)) }))
            .Unary<ListPodSandboxRequest, ListPodSandboxResponse>(Runtime, "ListPodSandbox", ListPodSandboxRequest.Parser, (r, _) =>
                Task.FromResult(new ListPodSandboxResponse { Items = { manager.Sandboxes.Where(s => Matches(s, r.Filter)).Select(ToPodSandbox) } }))
            .Unary<CreateContainerRequest, CreateContainerResponse>(Runtime, "CreateContainer", CreateContainerRequest.Parser, (_, _) =>
                throw Invalid("VM pods are created with ursa.vm.v1.VirtualMachineService/CreateVirtualMachine"))
            .Unary<StartContainerRequest, StartContainerResponse>(Runtime, "StartContainer", StartContainerRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).StartAsync(ct).ConfigureAwait(false);
                return new StartContainerResponse();
            })
            .Unary<StopContainerRequest, StopContainerResponse>(Runtime, "StopContainer", StopContainerRequest.Parser, async (r, ct) =>
            {
                await manager.Vm(r.ContainerId).StopAsync(TimeSpan.FromSeconds(Math.Max(0, r.Timeout)), ct).ConfigureAwait(false);
                return new StopContainerResponse();
            })
            .Unary<RemoveContainerRequest, RemoveContainerResponse>(Runtime, "RemoveContainer", RemoveContainerRequest.Parser, async (r, ct) =>
            {
                await manager.RemoveVmAsync(r.ContainerId, ct).ConfigureAwait(false);
                return new RemoveContainerResponse();
            })
            .Unary<ListContainersRequest, ListContainersResponse>(Runtime, "ListContainers", ListContainersRequest.Parser, (r, _) =>
                Task.FromResult(new ListContainersResponse { Containers = { manager.Vms.Select(v => v.ToContainer()).Where(c => Matches(c, r.Filter)) } }))
            .Unary<ContainerStatusRequest, ContainerStatusResponse>(Runtime, "ContainerStatus", ContainerStatusRequest.Parser, (r, _) =>
                Task.FromResult(new ContainerStatusResponse { Status = manager.Vm(r.ContainerId).ToContainerStatus() }))
            .Unary<ExecSyncRequest, ExecSyncResponse>(Runtime, "ExecSync", ExecSyncRequest.Parser, (_, _) =>
                throw new GrpcException(GrpcStatusCode.Unimplemented, "a VM has no exec: use its console (kubectl attach, ursa vm console)"))
            .Unary<ExecRequest, ExecResponse>(Runtime, "Exec", ExecRequest.Parser, (_, _) =>
                throw new GrpcException(GrpcStatusCode.Unimplemented, "a VM has no exec: use its console (kubectl attach, ursa vm console)"))
            .Unary<AttachRequest, AttachResponse>(Runtime, "Attach", AttachRequest.Parser, (_, _) =>
                throw new GrpcException(GrpcStatusCode.Unimplemented, "attach to a VM through ursa.vm.v1.VirtualMachineService/Console"));
    }

    private StatusResponse Status()
    {
        var qemu = File.Exists(options.QemuBinary);
        var network = options.Network.ConfigListFile is null || File.Exists(options.Network.ConfigListFile);
        return new StatusResponse
        {
            Status = new RuntimeStatus
            {
                Conditions =
                {
                    new RuntimeCondition { Type = "RuntimeReady", Status = qemu, Reason = qemu ? string.Empty : "QemuMissing", Message = qemu ? string.Empty : $"{options.QemuBinary} not found" },
                    new RuntimeCondition { Type = "NetworkReady", Status = network, Reason = network ? string.Empty : "NetworkPluginNotReady", Message = network ? string.Empty : $"CNI config {options.Network.ConfigListFile} not found" },
                },
            },
        };
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
