using Ursa.Cri.Vm;
using Ursa.Grpc;

namespace Ursa.Cri.Internal;

/// <summary>The VM extension's RPCs (paths <c>/ursa.vm.v1.VirtualMachineService/...</c>).</summary>
internal static class VmMethods
{
    public const string Service = "ursa.vm.v1.VirtualMachineService";

    public static readonly GrpcMethod<CreateVirtualMachineRequest, CreateVirtualMachineResponse> CreateVirtualMachine = new(Service, "CreateVirtualMachine", CreateVirtualMachineResponse.Parser);
    public static readonly GrpcMethod<VirtualMachineStatusRequest, VirtualMachineStatusResponse> VirtualMachineStatus = new(Service, "VirtualMachineStatus", VirtualMachineStatusResponse.Parser);
    public static readonly GrpcMethod<PauseRequest, PauseResponse> Pause = new(Service, "Pause", PauseResponse.Parser);
    public static readonly GrpcMethod<ResumeRequest, ResumeResponse> Resume = new(Service, "Resume", ResumeResponse.Parser);
    public static readonly GrpcMethod<RebootRequest, RebootResponse> Reboot = new(Service, "Reboot", RebootResponse.Parser);
    public static readonly GrpcMethod<CreateSnapshotRequest, CreateSnapshotResponse> CreateSnapshot = new(Service, "CreateSnapshot", CreateSnapshotResponse.Parser);
    public static readonly GrpcMethod<RestoreSnapshotRequest, RestoreSnapshotResponse> RestoreSnapshot = new(Service, "RestoreSnapshot", RestoreSnapshotResponse.Parser);
    public static readonly GrpcMethod<DeleteSnapshotRequest, DeleteSnapshotResponse> DeleteSnapshot = new(Service, "DeleteSnapshot", DeleteSnapshotResponse.Parser);
    public static readonly GrpcMethod<ListSnapshotsRequest, ListSnapshotsResponse> ListSnapshots = new(Service, "ListSnapshots", ListSnapshotsResponse.Parser);
    public static readonly GrpcMethod<AttachNicRequest, AttachNicResponse> AttachNic = new(Service, "AttachNic", AttachNicResponse.Parser);
    public static readonly GrpcMethod<DetachNicRequest, DetachNicResponse> DetachNic = new(Service, "DetachNic", DetachNicResponse.Parser);
    public static readonly GrpcMethod<AttachDiskRequest, AttachDiskResponse> AttachDisk = new(Service, "AttachDisk", AttachDiskResponse.Parser);
    public static readonly GrpcMethod<DetachDiskRequest, DetachDiskResponse> DetachDisk = new(Service, "DetachDisk", DetachDiskResponse.Parser);
    public static readonly GrpcMethod<ResizeRequest, ResizeResponse> Resize = new(Service, "Resize", ResizeResponse.Parser);
    public static readonly GrpcMethod<ConsoleRequest, ConsoleResponse> Console = new(Service, "Console", ConsoleResponse.Parser);
    public static readonly GrpcMethod<PullDiskImageRequest, PullDiskImageProgress> PullDiskImage = new(Service, "PullDiskImage", PullDiskImageProgress.Parser);
}
