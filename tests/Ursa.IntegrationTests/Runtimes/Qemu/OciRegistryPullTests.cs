using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>A containerDisk built with umoci, pushed with skopeo to a real docker-registry on 127.0.0.1, pulled
/// through the store under Ursa's <c>ursa.local</c> name via the mirror map.</summary>
public sealed class OciRegistryPullTests : IAsyncLifetime
{
    private readonly TestDirectory _dir = new("vm-oci");
    private readonly CountingHandler _handler = new();
    private RegistryProcess _registry = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _http = new HttpClient(_handler);
        _registry = await RegistryProcess.StartAsync(Directory.CreateDirectory(Path.Combine(_dir.Path, "registry")).FullName);
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _http.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Pull_ContainerDisk_DiskExtractedFromGzipLayer_SecondPullFetchesNoBlob()
    {
        string qcow2 = await DiskFiles.Qcow2Async(_dir.Path, "disk.qcow2");
        await PushContainerDiskAsync(qcow2, "guest/test:v1");
        DiskImageStore store = StoreFactory.Create(Path.Combine(_dir.Path, "store"), _http, o => o.Mirrors["ursa.local"] = _registry.Address);
        var progress = new SyncProgress();

        DiskImage image = await store.PullAsync("ursa.local/guest/test:v1", progress, CancellationToken.None);

        Assert.Equal(DiskFiles.Digest(qcow2), image.Id);
        Assert.Equal(DiskFormat.Qcow2, image.Format);
        Assert.Equal(["ursa.local/guest/test:v1"], image.References);
        Assert.Equal(await File.ReadAllBytesAsync(qcow2), await File.ReadAllBytesAsync(image.Path));
        Assert.Equal(1, _handler.Count("/v2/guest/test/blobs/"));
        ImagePullProgress done = progress.Reports.Last();
        Assert.Equal(ImagePullPhase.Complete, done.Phase);
        Assert.Equal(done.BytesTotal, done.BytesDone);
        Assert.True(done.BytesDone > 0);

        // Always: the manifest is read again; its digest is unchanged, so no layer is fetched.
        DiskImage again = await store.PullAsync("ursa.local/guest/test:v1", null, CancellationToken.None);

        Assert.Equal(image, again);
        Assert.Equal(1, _handler.Count("/v2/guest/test/blobs/"));
        Assert.Equal(2, _handler.Count("/v2/guest/test/manifests/v1"));
        Assert.Null(store.Status("ursa.local/guest/test"));
    }

    [Fact]
    public async Task Pull_UnknownRepository_NotFound()
    {
        DiskImageStore store = StoreFactory.Create(Path.Combine(_dir.Path, "store"), _http, o => o.Mirrors["ursa.local"] = _registry.Address);

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(
            () => store.PullAsync("ursa.local/guest/nothing:v1", null, CancellationToken.None));

        Assert.Contains("not found in registry ursa.local", error.Message, StringComparison.Ordinal);
    }

    private async Task PushContainerDiskAsync(string disk, string repositoryAndTag)
    {
        string layout = Path.Combine(_dir.Path, "layout");
        (await ProcessRunner.RunAsync("/usr/bin/umoci", ["init", "--layout", layout])).EnsureSuccess("umoci init");
        (await ProcessRunner.RunAsync("/usr/bin/umoci", ["new", "--image", layout + ":v1"])).EnsureSuccess("umoci new");
        (await ProcessRunner.RunAsync("/usr/bin/umoci", ["insert", "--image", layout + ":v1", disk, "/disk/disk.qcow2"])).EnsureSuccess("umoci insert");
        (await ProcessRunner.RunAsync("/usr/bin/skopeo", ["--insecure-policy", "copy", "--dest-tls-verify=false",
            $"oci:{layout}:v1", $"docker://{_registry.Address}/{repositoryAndTag}"])).EnsureSuccess("skopeo copy");
    }
}
