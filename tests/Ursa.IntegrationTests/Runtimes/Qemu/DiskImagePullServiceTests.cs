using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Cri;
using Ursa.Cri.V1;
using Ursa.Cri.Vm;
using Ursa.Grpc;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Qemu;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>
/// PullDiskImage through the real VM runtime (<see cref="VmRuntimeHost"/> on a unix socket, the real store and
/// qemu-img) from an http server on 127.0.0.1 that stops halfway through the body until the test has seen
/// progress: proof that progress streams while the download runs, not after it.
/// </summary>
public sealed class DiskImagePullServiceTests : IAsyncLifetime
{
    private const int Size = 24 << 20;
    private const int Half = Size / 2;

    // The store reports every 4 MiB (its default): 8 MiB is a report the client can only see mid-download.
    private const int SeenMidway = 8 << 20;

    private readonly TestDirectory _dir = new("vm-pull");
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _disk = [];
    private LoopbackHttpServer _http = null!;
    private VmRuntimeHost _runtime = null!;
    private CriClient _client = null!;

    private string Url => new Uri(_http.BaseAddress, "/disk.img").AbsoluteUri;

    public async Task InitializeAsync()
    {
        _disk = await File.ReadAllBytesAsync(await DiskFiles.RawAsync(_dir.Path, "disk.img", Size));
        _http = await LoopbackHttpServer.StartAsync(ServeAsync);
        _runtime = await VmRuntimeHost.StartAsync(Path.Combine(_dir.Path, "vm-runtime.sock"), new VmRuntimeOptions { RootDirectory = Path.Combine(_dir.Path, "root") },
            new HttpClient(), NullLoggerFactory.Instance, CancellationToken.None);
        _client = CriClient.ForUnixSocket(_runtime.SocketPath!);
    }

    public async Task DisposeAsync()
    {
        _resume.TrySetResult();
        await _client.DisposeAsync();
        await _runtime.DisposeAsync();
        await _http.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task PullDiskImage_StreamsProgressWhileDownloading_ThenTheImageRef()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var messages = new List<PullDiskImageProgress>();

        await foreach (var message in _client.PullDiskImageAsync(Request(), deadline.Token))
        {
            messages.Add(message);
            if (message is { Phase: PullPhase.Downloading, BytesDone: >= SeenMidway })
            {
                _resume.TrySetResult();
            }
        }

        Assert.Equal(PullPhase.Resolving, messages[0].Phase);
        var downloading = messages.Where(m => m.Phase == PullPhase.Downloading).ToList();
        // 0, then one as each 4 MiB boundary is crossed (by the read that crossed it): 7 reports, none dropped (the
        // runtime queues 16), the last at the full size.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], downloading.Select(m => m.BytesDone / (4 << 20)));
        Assert.Equal(Size, downloading[^1].BytesDone);
        Assert.All(downloading, m => Assert.Equal(Size, m.BytesTotal));
        var last = messages[^1];
        Assert.Equal(1, messages.Count(m => m.Phase == PullPhase.Complete));
        Assert.Equal((PullPhase.Complete, DiskFiles.Digest(Path.Combine(_dir.Path, "disk.img")), (long)Size, (long)Size), (last.Phase, last.ImageRef, last.SizeBytes, last.BytesDone));
        var status = await _client.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = Url } }, deadline.Token);
        Assert.Equal(last.ImageRef, status.Image.Id);
    }

    [Fact]
    public async Task PullDiskImage_TwoCallersOfOneImage_ShareOneDownload_BothSeeProgress()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var first = _client.PullDiskImageAsync(Request(), deadline.Token).GetAsyncEnumerator(deadline.Token);
        while (await first.MoveNextAsync() && first.Current is not { Phase: PullPhase.Downloading, BytesDone: >= SeenMidway })
        {
        }

        // The server holds the body at 12 MiB: the second caller joins the pull under way and is told where it is
        // (the 8 or 12 MiB report), though no byte moves until the test lets the server go on.
        await using var second = _client.PullDiskImageAsync(Request(), deadline.Token).GetAsyncEnumerator(deadline.Token);
        Assert.True(await second.MoveNextAsync(), "the second caller got no message");
        Assert.Equal(PullPhase.Downloading, second.Current.Phase);
        Assert.InRange(second.Current.BytesDone, SeenMidway, Half);
        _resume.SetResult();

        var firstLast = await DrainAsync(first);
        var secondLast = await DrainAsync(second);

        Assert.Equal(PullPhase.Complete, firstLast.Phase);
        Assert.Equal(firstLast, secondLast);
        Assert.Equal(["GET /disk.img 200"], _http.Requests);
    }

    [Fact]
    public async Task PullDiskImage_Missing_NotFoundWithTheReason()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var url = new Uri(_http.BaseAddress, "/missing.img").AbsoluteUri;

        var error = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (var _ in _client.PullDiskImageAsync(new PullDiskImageRequest { Image = new ImageSpec { Image = url } }, deadline.Token))
            {
            }
        });

        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
        Assert.Contains("answered 404", error.Detail, StringComparison.Ordinal);
    }

    private PullDiskImageRequest Request() => new() { Image = new ImageSpec { Image = Url } };

    private static async Task<PullDiskImageProgress> DrainAsync(IAsyncEnumerator<PullDiskImageProgress> call)
    {
        var last = call.Current;
        while (await call.MoveNextAsync())
        {
            last = call.Current;
        }

        return last;
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (context.Request.Path != "/disk.img")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentLength = _disk.Length;
        for (var offset = 0; offset < _disk.Length; offset += 65536)
        {
            if (offset == Half)
            {
                await _resume.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            await context.Response.Body.WriteAsync(_disk.AsMemory(offset, 65536));
            await context.Response.Body.FlushAsync();
        }
    }
}
