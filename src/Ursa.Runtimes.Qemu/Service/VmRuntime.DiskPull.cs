using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.Runtimes.Qemu.Service;

/// <summary>
/// <c>PullDiskImage</c>: a pull through <see cref="IDiskImageStore"/> with its progress streamed to the caller, so the
/// agent can tell the pod how far a multi-GiB image has got.
/// <code>
///  store download ──IProgress (every ProgressInterval bytes)──▶ channel (latest 16) ──▶ caller (or gRPC frames)
///                 └─ done ──▶ last message: COMPLETE + image ref (or the error as a GrpcException)
/// </code>
/// </summary>
public sealed partial class VmRuntime
{
    // Progress is a snapshot: a slow reader only needs the latest ones, so the queue drops the oldest
    // instead of growing (or stalling the download, which other callers may share).
    private const int QueuedReports = 16;

    /// <inheritdoc/>
    public async IAsyncEnumerable<PullDiskImageProgress> PullDiskImageAsync(PullDiskImageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = request.Image?.Image ?? string.Empty;
        if (reference.Length == 0)
        {
            throw Invalid("image: required");
        }

        var reports = Channel.CreateBounded<ImagePullProgress>(new BoundedChannelOptions(QueuedReports)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var progress = new ChannelProgress(reports.Writer);
        // A caller that stops reading ends the pull (as a cancelled gRPC call does).
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pull = PullAndCloseAsync(reference, progress, reports.Writer, abandon.Token);
        try
        {
            await foreach (var report in reports.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Complete is reported by the store just before it returns; the last message carries it with the ref.
                if (report.Phase != ImagePullPhase.Complete)
                {
                    yield return ToMessage(report);
                }
            }

            var image = await Guard(async () =>
            {
                try
                {
                    return await pull.ConfigureAwait(false);
                }
                catch (DiskImagePullException e)
                {
                    // As the unary PullImage answers: the image cannot be had from where it was named.
                    throw new GrpcException(GrpcStatusCode.NotFound, e.Message);
                }
            }, cancellationToken).ConfigureAwait(false);
            yield return new PullDiskImageProgress
            {
                Phase = PullPhase.Complete,
                BytesDone = progress.Last?.BytesDone ?? 0,
                BytesTotal = progress.Last?.BytesTotal ?? 0,
                ImageRef = image.Id,
                SizeBytes = image.SizeBytes,
            };
        }
        finally
        {
            if (!pull.IsCompleted)
            {
                await abandon.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pull.ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The reader left: how the pull ended is nobody's concern.
                }
            }
        }
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

    /// <summary>Forwards the store's reports into the channel; remembers the last one for the final message.</summary>
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
