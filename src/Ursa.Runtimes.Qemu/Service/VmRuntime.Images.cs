using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.Runtimes.Qemu.Service;

// runtime.v1.ImageService: disk images (http(s) URLs and OCI container disks).
public sealed partial class VmRuntime
{
    /// <inheritdoc/>
    public Task<PullImageResponse> PullImageAsync(PullImageRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        var reference = request.Image?.Image ?? string.Empty;
        if (reference.Length == 0)
        {
            throw Invalid("image: required");
        }

        try
        {
            var image = await images.PullAsync(reference, null, cancellationToken).ConfigureAwait(false);
            return new PullImageResponse { ImageRef = image.Id };
        }
        catch (DiskImagePullException e)
        {
            throw new GrpcException(GrpcStatusCode.NotFound, e.Message);
        }
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<ImageStatusResponse> ImageStatusAsync(ImageStatusRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(images.Status(request.Image?.Image ?? string.Empty) is { } image ? new ImageStatusResponse { Image = ToImage(image) } : new ImageStatusResponse()), cancellationToken);

    /// <inheritdoc/>
    public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken) => Guard(() =>
        Task.FromResult(new ListImagesResponse { Images = { images.List().Select(ToImage) } }), cancellationToken);

    /// <inheritdoc/>
    public Task<RemoveImageResponse> RemoveImageAsync(RemoveImageRequest request, CancellationToken cancellationToken) => Guard(async () =>
    {
        await images.RemoveAsync(request.Image?.Image ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return new RemoveImageResponse();
    }, cancellationToken);

    /// <inheritdoc/>
    public Task<ImageFsInfoResponse> ImageFsInfoAsync(ImageFsInfoRequest request, CancellationToken cancellationToken) => Task.FromResult(new ImageFsInfoResponse());

    private static Image ToImage(DiskImage image) => new()
    {
        Id = image.Id,
        RepoTags = { image.References },
        Size = (ulong)Math.Max(0, image.SizeBytes),
    };
}
