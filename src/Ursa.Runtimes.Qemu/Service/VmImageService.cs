using Ursa.Cri.V1;
using Ursa.Grpc;
using Ursa.Grpc.Server;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>The VM runtime's <c>runtime.v1.ImageService</c>: disk images (http(s) URLs and OCI container disks).</summary>
public sealed class VmImageService(IDiskImageStore images)
{
    private const string Service = "runtime.v1.ImageService";

    /// <summary>Adds the ImageService methods to <paramref name="router"/>.</summary>
    public void Map(GrpcServiceRouter router)
    {
        router
            .Unary<PullImageRequest, PullImageResponse>(Service, "PullImage", PullImageRequest.Parser, async (r, ct) =>
            {
                var reference = r.Image?.Image ?? string.Empty;
                if (reference.Length == 0)
                {
                    throw new GrpcException(GrpcStatusCode.InvalidArgument, "image: required");
                }

                try
                {
                    var image = await images.PullAsync(reference, null, ct).ConfigureAwait(false);
                    return new PullImageResponse { ImageRef = image.Id };
                }
                catch (DiskImagePullException e)
                {
                    throw new GrpcException(GrpcStatusCode.NotFound, e.Message);
                }
            })
            .Unary<ImageStatusRequest, ImageStatusResponse>(Service, "ImageStatus", ImageStatusRequest.Parser, (r, _) =>
                Task.FromResult(images.Status(r.Image?.Image ?? string.Empty) is { } image ? new ImageStatusResponse { Image = ToImage(image) } : new ImageStatusResponse()))
            .Unary<ListImagesRequest, ListImagesResponse>(Service, "ListImages", ListImagesRequest.Parser, (_, _) =>
                Task.FromResult(new ListImagesResponse { Images = { images.List().Select(ToImage) } }))
            .Unary<RemoveImageRequest, RemoveImageResponse>(Service, "RemoveImage", RemoveImageRequest.Parser, async (r, ct) =>
            {
                await images.RemoveAsync(r.Image?.Image ?? string.Empty, ct).ConfigureAwait(false);
                return new RemoveImageResponse();
            })
            .Unary<ImageFsInfoRequest, ImageFsInfoResponse>(Service, "ImageFsInfo", ImageFsInfoRequest.Parser, (_, _) => Task.FromResult(new ImageFsInfoResponse()));
    }

    private static Image ToImage(DiskImage image) => new()
    {
        Id = image.Id,
        RepoTags = { image.References },
        Size = (ulong)Math.Max(0, image.SizeBytes),
    };
}
