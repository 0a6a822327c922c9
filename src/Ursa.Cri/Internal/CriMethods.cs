using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.Cri.Internal;

/// <summary>The CRI RPCs (paths <c>/runtime.v1.RuntimeService/...</c> and <c>/runtime.v1.ImageService/...</c>).</summary>
internal static class CriMethods
{
    public const string RuntimeService = "runtime.v1.RuntimeService";
    public const string ImageService = "runtime.v1.ImageService";

    public static readonly GrpcMethod<VersionRequest, VersionResponse> Version = new(RuntimeService, "Version", VersionResponse.Parser);
    public static readonly GrpcMethod<RunPodSandboxRequest, RunPodSandboxResponse> RunPodSandbox = new(RuntimeService, "RunPodSandbox", RunPodSandboxResponse.Parser);
    public static readonly GrpcMethod<StopPodSandboxRequest, StopPodSandboxResponse> StopPodSandbox = new(RuntimeService, "StopPodSandbox", StopPodSandboxResponse.Parser);
    public static readonly GrpcMethod<RemovePodSandboxRequest, RemovePodSandboxResponse> RemovePodSandbox = new(RuntimeService, "RemovePodSandbox", RemovePodSandboxResponse.Parser);
    public static readonly GrpcMethod<PodSandboxStatusRequest, PodSandboxStatusResponse> PodSandboxStatus = new(RuntimeService, "PodSandboxStatus", PodSandboxStatusResponse.Parser);
    public static readonly GrpcMethod<ListPodSandboxRequest, ListPodSandboxResponse> ListPodSandbox = new(RuntimeService, "ListPodSandbox", ListPodSandboxResponse.Parser);
    public static readonly GrpcMethod<CreateContainerRequest, CreateContainerResponse> CreateContainer = new(RuntimeService, "CreateContainer", CreateContainerResponse.Parser);
    public static readonly GrpcMethod<StartContainerRequest, StartContainerResponse> StartContainer = new(RuntimeService, "StartContainer", StartContainerResponse.Parser);
    public static readonly GrpcMethod<StopContainerRequest, StopContainerResponse> StopContainer = new(RuntimeService, "StopContainer", StopContainerResponse.Parser);
    public static readonly GrpcMethod<RemoveContainerRequest, RemoveContainerResponse> RemoveContainer = new(RuntimeService, "RemoveContainer", RemoveContainerResponse.Parser);
    public static readonly GrpcMethod<ListContainersRequest, ListContainersResponse> ListContainers = new(RuntimeService, "ListContainers", ListContainersResponse.Parser);
    public static readonly GrpcMethod<ContainerStatusRequest, ContainerStatusResponse> ContainerStatus = new(RuntimeService, "ContainerStatus", ContainerStatusResponse.Parser);
    public static readonly GrpcMethod<UpdateContainerResourcesRequest, UpdateContainerResourcesResponse> UpdateContainerResources = new(RuntimeService, "UpdateContainerResources", UpdateContainerResourcesResponse.Parser);
    public static readonly GrpcMethod<ReopenContainerLogRequest, ReopenContainerLogResponse> ReopenContainerLog = new(RuntimeService, "ReopenContainerLog", ReopenContainerLogResponse.Parser);
    public static readonly GrpcMethod<ExecSyncRequest, ExecSyncResponse> ExecSync = new(RuntimeService, "ExecSync", ExecSyncResponse.Parser);
    public static readonly GrpcMethod<ExecRequest, ExecResponse> Exec = new(RuntimeService, "Exec", ExecResponse.Parser);
    public static readonly GrpcMethod<AttachRequest, AttachResponse> Attach = new(RuntimeService, "Attach", AttachResponse.Parser);
    public static readonly GrpcMethod<PortForwardRequest, PortForwardResponse> PortForward = new(RuntimeService, "PortForward", PortForwardResponse.Parser);
    public static readonly GrpcMethod<ContainerStatsRequest, ContainerStatsResponse> ContainerStats = new(RuntimeService, "ContainerStats", ContainerStatsResponse.Parser);
    public static readonly GrpcMethod<ListContainerStatsRequest, ListContainerStatsResponse> ListContainerStats = new(RuntimeService, "ListContainerStats", ListContainerStatsResponse.Parser);
    public static readonly GrpcMethod<PodSandboxStatsRequest, PodSandboxStatsResponse> PodSandboxStats = new(RuntimeService, "PodSandboxStats", PodSandboxStatsResponse.Parser);
    public static readonly GrpcMethod<ListPodSandboxStatsRequest, ListPodSandboxStatsResponse> ListPodSandboxStats = new(RuntimeService, "ListPodSandboxStats", ListPodSandboxStatsResponse.Parser);
    public static readonly GrpcMethod<UpdateRuntimeConfigRequest, UpdateRuntimeConfigResponse> UpdateRuntimeConfig = new(RuntimeService, "UpdateRuntimeConfig", UpdateRuntimeConfigResponse.Parser);
    public static readonly GrpcMethod<StatusRequest, StatusResponse> Status = new(RuntimeService, "Status", StatusResponse.Parser);
    public static readonly GrpcMethod<GetEventsRequest, ContainerEventResponse> GetContainerEvents = new(RuntimeService, "GetContainerEvents", ContainerEventResponse.Parser);
    public static readonly GrpcMethod<ListImagesRequest, ListImagesResponse> ListImages = new(ImageService, "ListImages", ListImagesResponse.Parser);
    public static readonly GrpcMethod<ImageStatusRequest, ImageStatusResponse> ImageStatus = new(ImageService, "ImageStatus", ImageStatusResponse.Parser);
    public static readonly GrpcMethod<PullImageRequest, PullImageResponse> PullImage = new(ImageService, "PullImage", PullImageResponse.Parser);
    public static readonly GrpcMethod<RemoveImageRequest, RemoveImageResponse> RemoveImage = new(ImageService, "RemoveImage", RemoveImageResponse.Parser);
    public static readonly GrpcMethod<ImageFsInfoRequest, ImageFsInfoResponse> ImageFsInfo = new(ImageService, "ImageFsInfo", ImageFsInfoResponse.Parser);
}
