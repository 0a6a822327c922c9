using Ursa.Cri.V1;
using Ursa.Grpc;

namespace Ursa.Cri;

/// <summary>The CRI <c>runtime.v1.ImageService</c>: the runtime's local images.</summary>
/// <remarks>
/// Concurrency: every method is safe to call concurrently. Errors: a status other than OK is a
/// <see cref="GrpcException"/> with the runtime's <see cref="GrpcException.StatusCode"/> and message;
/// cancellation throws <see cref="OperationCanceledException"/>.
/// </remarks>
public interface IImageService
{
    /// <summary>The images matching the filter (all when it is unset).</summary>
    Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One image's details; <see cref="ImageStatusResponse.Image"/> is null when the image is not present (not an
    /// error).
    /// </summary>
    Task<ImageStatusResponse> ImageStatusAsync(ImageStatusRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Pulls an image and returns its ID. Lasts as long as the download. An image the registry does not have is
    /// <see cref="GrpcStatusCode.NotFound"/> (containerd 1.6.20: "failed to pull and unpack image ...: not found");
    /// other registry failures mostly <see cref="GrpcStatusCode.Unknown"/>.
    /// </summary>
    Task<PullImageResponse> PullImageAsync(PullImageRequest request, CancellationToken cancellationToken);

    /// <summary>Removes an image; idempotent.</summary>
    Task<RemoveImageResponse> RemoveImageAsync(RemoveImageRequest request, CancellationToken cancellationToken);

    /// <summary>Usage of the filesystem(s) holding images.</summary>
    Task<ImageFsInfoResponse> ImageFsInfoAsync(ImageFsInfoRequest request, CancellationToken cancellationToken);
}
