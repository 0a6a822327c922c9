using System.Threading.Channels;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Grpc.Server;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// <c>ursa.vm.v1.VirtualMachineService/PullDiskImage</c>: a pull through <see cref="IDiskImageStore"/> with its
/// progress streamed to the caller, so the agent can tell the pod how far a multi-GiB image has got.
/// <code>
///  store download ──IProgress (every ProgressInterval bytes)──▶ channel (latest 16) ──▶ gRPC frames ──▶ agent
///                 └─ done ──▶ last frame: COMPLETE + image ref, then status OK (or the error's status)
/// </code>
/// </summary>
public sealed class DiskImagePullService(IDiskImageStore images)
{
    private const string Service = "ursa.vm.v1.VirtualMachineService";

    // Progress is a snapshot: a slow reader only needs the latest ones, so the queue drops the oldest
    // instead of growing (or stalling the download, which other callers may share).
    private const int QueuedReports = 16;

    /// <summary>Adds PullDiskImage to <paramref name="router"/>.</summary>
    public void Map(GrpcServiceRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        // A server-streaming RPC: on the wire it is a duplex call whose client sends one request.
        router.Duplex<PullDiskImageRequest, PullDiskImageProgress>(Service, "PullDiskImage", PullDiskImageRequest.Parser, PullAsync);
    }

    private async Task PullAsync(IAsyncEnumerable<PullDiskImageRequest> requests, Func<PullDiskImageProgress, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        PullDiskImageRequest? request = null;
        await foreach (var r in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            request = r;
            break;
        }

        var reference = request?.Image?.Image ?? string.Empty;
        if (reference.Length == 0)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "image: required");
        }

        var reports = Channel.CreateBounded<ImagePullProgress>(new BoundedChannelOptions(QueuedReports)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var progress = new ChannelProgress(reports.Writer);
        var pull = PullAndCloseAsync(reference, progress, reports.Writer, cancellationToken);
        await foreach (var report in reports.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // Complete is reported by the store just before it returns; the last frame below carries it with the ref.
            if (report.Phase != ImagePullPhase.Complete)
            {
                await write(ToMessage(report), cancellationToken).ConfigureAwait(false);
            }
        }

        DiskImage image;
        try
        {
            image = await pull.ConfigureAwait(false);
        }
        catch (DiskImagePullException e)
        {
            // As the unary PullImage answers: the image cannot be had from where it was named.
            throw new GrpcException(GrpcStatusCode.NotFound, e.Message);
        }

        await write(new PullDiskImageProgress
        {
            Phase = PullPhase.Complete,
            BytesDone = progress.Last?.BytesDone ?? 0,
            BytesTotal = progress.Last?.BytesTotal ?? 0,
            ImageRef = image.Id,
            SizeBytes = image.SizeBytes,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DiskImage> PullAndCloseAsync(string reference, IProgress<ImagePullProgress> progress, ChannelWriter<ImagePullProgress> reports, CancellationToken cancellationToken)
    {
        // Off the caller's stack: the store reports synchronously and the reader must be running.
        await Task.Yield();
        try
        {
            return await images.PullAsync(reference, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            reports.TryComplete();
        }
    }

    private static PullDiskImageProgress ToMessage(ImagePullProgress report) => new()
    {
        Phase = report.Phase == ImagePullPhase.Resolving ? PullPhase.Resolving : PullPhase.Downloading,
        BytesDone = report.BytesDone,
        BytesTotal = report.BytesTotal ?? 0,
    };

    /// <summary>Forwards the store's reports into the channel; remembers the last one for the final frame.</summary>
    private sealed class ChannelProgress(ChannelWriter<ImagePullProgress> writer) : IProgress<ImagePullProgress>
    {
        private readonly Lock _lock = new();
        private ImagePullProgress? _last;

        public ImagePullProgress? Last
        {
            get
            {
                lock (_lock)
                {
                    return _last;
                }
            }
        }

        public void Report(ImagePullProgress value)
        {
            lock (_lock)
            {
                _last = value;
            }

            writer.TryWrite(value);
        }
    }
}
