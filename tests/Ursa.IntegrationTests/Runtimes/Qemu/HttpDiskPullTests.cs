using System.Text.Json;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>The disk image store against a real HTTP server on 127.0.0.1 and the real qemu-img.</summary>
public sealed class HttpDiskPullTests : IAsyncLifetime
{
    private readonly TestDirectory _dir = new("vm-images");
    private readonly HttpClient _http = new();
    private DiskFileServer _server = null!;

    private string Root => Path.Combine(_dir.Path, "store");

    public async Task InitializeAsync() => _server = await DiskFileServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Pull_Url_CachedByContentDigest_IfNotPresentDoesNotDownloadAgain()
    {
        string qcow2 = await DiskFiles.Qcow2Async(_dir.Path, "disk.qcow2");
        string url = _server.Add("/images/disk.qcow2", qcow2);
        DiskImageStore store = StoreFactory.Create(Root, _http);

        DiskImage image = await store.PullAsync(url, null, CancellationToken.None);

        string digest = DiskFiles.Digest(qcow2);
        Assert.Equal(digest, image.Id);
        Assert.Equal(Path.Combine(Root, "blobs", "sha256", digest[7..]), image.Path);
        Assert.Equal(await File.ReadAllBytesAsync(qcow2), await File.ReadAllBytesAsync(image.Path));
        Assert.Equal(DiskFormat.Qcow2, image.Format);
        Assert.Equal(64L << 20, image.VirtualSizeBytes);
        Assert.Equal(new FileInfo(qcow2).Length, image.SizeBytes);
        Assert.Equal([url], image.References);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "tmp")));

        DiskImage again = await store.EnsureAsync(url, DiskImagePullPolicy.IfNotPresent, null, CancellationToken.None);
        Assert.Equal(image, again);
        Assert.Equal(1, _server.Http.Count("GET /images/disk.qcow2"));

        // Always revalidates: a conditional GET that the server answers 304, so no body moves.
        DiskImage revalidated = await store.PullAsync(url, null, CancellationToken.None);
        Assert.Equal(image.Id, revalidated.Id);
        Assert.Equal(["GET /images/disk.qcow2 200", "GET /images/disk.qcow2 304"], _server.Http.Requests);

        // A new store on the same root reads the index back.
        DiskImageStore reopened = StoreFactory.Create(Root, _http);
        Assert.Equal(image, reopened.Status(url));
        Assert.Equal(image, reopened.Status(image.Id));
        Assert.Equal([image], reopened.List());
    }

    [Fact]
    public async Task Pull_Url_ReportsProgressUpToTheContentLength()
    {
        string raw = await DiskFiles.RawAsync(_dir.Path, "disk.img", 1 << 20);
        string url = _server.Add("/disk.img", raw);
        DiskImageStore store = StoreFactory.Create(Root, _http);
        var progress = new SyncProgress();

        DiskImage image = await store.PullAsync(url, progress, CancellationToken.None);

        Assert.Equal(DiskFormat.Raw, image.Format);
        ImagePullProgress[] reports = [.. progress.Reports];
        Assert.Equal(ImagePullPhase.Resolving, reports[0].Phase);
        Assert.Equal(new ImagePullProgress(url, ImagePullPhase.Complete, 1 << 20, 1 << 20), reports[^1]);
        ImagePullProgress[] downloading = [.. reports.Where(r => r.Phase == ImagePullPhase.Downloading)];
        // 1 MiB at a 64 KiB interval: the start plus one report per interval crossed.
        Assert.InRange(downloading.Length, 16, 17);
        Assert.All(downloading, r => Assert.Equal(1 << 20, r.BytesTotal));
        Assert.Equal(downloading.Select(r => r.BytesDone).Order(), downloading.Select(r => r.BytesDone));
    }

    [Fact]
    public async Task Pull_PinnedDigestMismatch_FailsAndKeepsNothing()
    {
        string raw = await DiskFiles.RawAsync(_dir.Path, "disk.img", 300_000);
        string wrong = "sha256:" + new string('0', 64);
        string url = _server.Add("/disk.img", raw) + "#" + wrong;
        DiskImageStore store = StoreFactory.Create(Root, _http);

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(() => store.PullAsync(url, null, CancellationToken.None));

        Assert.Contains($"does not match the expected {wrong}", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.List());
        Assert.Null(store.Status(url));
        Assert.False(Directory.Exists(Path.Combine(Root, "blobs")) && Directory.EnumerateFiles(Path.Combine(Root, "blobs"), "*", SearchOption.AllDirectories).Any());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "tmp")));

        // The right pin is accepted.
        string right = _server.Add("/disk.img", raw) + "#" + DiskFiles.Digest(raw);
        Assert.Equal(DiskFiles.Digest(raw), (await store.PullAsync(right, null, CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Pull_ConcurrentSameUrl_OneDownloadSharedByAll()
    {
        string qcow2 = await DiskFiles.Qcow2Async(_dir.Path, "disk.qcow2");
        string url = _server.Add("/shared.qcow2", qcow2);
        DiskImageStore store = StoreFactory.Create(Root, _http);
        _server.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<DiskImage> first = store.PullAsync(url, null, CancellationToken.None);
        // The first pull is in flight (its request waits at the gate) before the others ask.
        _ = await Eventually.UntilAsync(() => Task.FromResult(Directory.Exists(Path.Combine(Root, "tmp")) && Directory.EnumerateFiles(Path.Combine(Root, "tmp")).Any()),
            started => started, TimeSpan.FromSeconds(10), _ => "the first pull to open its download");
        Task<DiskImage>[] others = [.. Enumerable.Range(0, 3).Select(_ => store.PullAsync(url, null, CancellationToken.None))];
        _server.Gate.SetResult();

        DiskImage[] images = await Task.WhenAll([first, .. others]);

        Assert.All(images, i => Assert.Equal(DiskFiles.Digest(qcow2), i.Id));
        Assert.Equal(["GET /shared.qcow2 200"], _server.Http.Requests);
    }

    [Fact]
    public async Task Pull_OneCallerCancels_OthersStillGetTheImage()
    {
        string qcow2 = await DiskFiles.Qcow2Async(_dir.Path, "disk.qcow2");
        string url = _server.Add("/c.qcow2", qcow2);
        DiskImageStore store = StoreFactory.Create(Root, _http);
        _server.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        Task<DiskImage> cancelled = store.PullAsync(url, null, impatient.Token);
        Task<DiskImage> patient = store.PullAsync(url, null, CancellationToken.None);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _server.Gate.SetResult();

        Assert.Equal(DiskFiles.Digest(qcow2), (await patient).Id);
        Assert.Equal(1, _server.Http.Count("GET /c.qcow2"));
    }

    [Theory]
    [InlineData("/missing.qcow2", "answered 404")]
    [InlineData("/private/disk.qcow2", "only anonymous downloads are supported")]
    public async Task Pull_ServerRefuses_ClearError(string path, string message)
    {
        DiskImageStore store = StoreFactory.Create(Root, _http);

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(
            () => store.PullAsync(new Uri(_server.Http.BaseAddress, path).AbsoluteUri, null, CancellationToken.None));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_Qcow2WithBackingFile_Refused()
    {
        string sneaky = Path.Combine(_dir.Path, "sneaky.qcow2");
        (await ProcessRunner.RunAsync(DiskFiles.QemuImg, ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", "/etc/hostname", sneaky, "1M"])).EnsureSuccess("qemu-img create");
        DiskImageStore store = StoreFactory.Create(Root, _http);

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(
            () => store.PullAsync(_server.Add("/sneaky.qcow2", sneaky), null, CancellationToken.None));

        Assert.Contains("/etc/hostname", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task Remove_ByReferenceThenById_DeletesFileWithLastReference()
    {
        string raw = await DiskFiles.RawAsync(_dir.Path, "disk.img", 4096);
        string a = _server.Add("/a.img", raw);
        string b = _server.Add("/b.img", raw);
        DiskImageStore store = StoreFactory.Create(Root, _http);
        DiskImage image = await store.PullAsync(a, null, CancellationToken.None);
        Assert.Equal([a, b], (await store.PullAsync(b, null, CancellationToken.None)).References);

        Assert.True(await store.RemoveAsync(a, CancellationToken.None));
        Assert.True(File.Exists(image.Path));
        Assert.Equal([b], store.Status(image.Id)!.References);

        Assert.True(await store.RemoveAsync(image.Id, CancellationToken.None));
        Assert.False(File.Exists(image.Path));
        Assert.Null(store.Status(b));
        Assert.False(await store.RemoveAsync(b, CancellationToken.None));
        Assert.Empty(StoreFactory.Create(Root, _http).List());
    }

    [Fact]
    public async Task CreateOverlay_BackedByTheCachedBase()
    {
        string qcow2 = await DiskFiles.Qcow2Async(_dir.Path, "disk.qcow2");
        DiskImageStore store = StoreFactory.Create(Root, _http);
        DiskImage image = await store.PullAsync(_server.Add("/disk.qcow2", qcow2), null, CancellationToken.None);
        string overlay = Path.Combine(_dir.Path, "vms", "vm-1", "root.qcow2");

        await store.CreateOverlayAsync(image, overlay, 128L << 20, CancellationToken.None);

        using JsonDocument info = JsonDocument.Parse(await DiskFiles.InfoJsonAsync(overlay));
        Assert.Equal("qcow2", info.RootElement.GetProperty("format").GetString());
        Assert.Equal(image.Path, info.RootElement.GetProperty("backing-filename").GetString());
        Assert.Equal("qcow2", info.RootElement.GetProperty("backing-filename-format").GetString());
        Assert.Equal(128L << 20, info.RootElement.GetProperty("virtual-size").GetInt64());
        Assert.Equal(await File.ReadAllBytesAsync(qcow2), await File.ReadAllBytesAsync(image.Path));

        await Assert.ThrowsAsync<IOException>(() => store.CreateOverlayAsync(image, overlay, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateOverlayAsync(image, overlay + "2", 1 << 20, CancellationToken.None));
        Assert.Equal([overlay], Directory.GetFiles(Path.GetDirectoryName(overlay)!));
    }
}
