using System.Security.Cryptography;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>OCI pulls against a registry the test controls: index platform choice, uncompressed layers, and the
/// failures a real registry will not produce on demand.</summary>
public sealed class FakeRegistryPullTests : IAsyncLifetime
{
    private const string Reference = "ursa.local/guest/disk:v1";
    private readonly TestDirectory _dir = new("vm-fake-registry");
    private readonly HttpClient _http = new();
    private FakeRegistry _registry = null!;

    private string Root => Path.Combine(_dir.Path, "store");

    public async Task InitializeAsync() => _registry = await FakeRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _http.Dispose();
        _dir.Dispose();
    }

    private DiskImageStore Store() => StoreFactory.Create(Root, _http, o => o.Mirrors["ursa.local"] = "http://" + _registry.Address);

    [Fact]
    public async Task Pull_Index_PicksAmd64AndExtractsRawDiskFromPlainTar()
    {
        byte[] disk = RandomNumberGenerator.GetBytes(256 * 1024);
        string manifest = _registry.Publish(FakeRegistry.Tar(("disk", null), ("disk/disk.img", disk), ("etc/hostname", "x\n"u8.ToArray())));

        DiskImage image = await Store().PullAsync(Reference, null, CancellationToken.None);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(disk)), image.Id);
        Assert.Equal(DiskFormat.Raw, image.Format);
        Assert.Equal(disk, await File.ReadAllBytesAsync(image.Path));
        Assert.Equal(["GET /v2/guest/disk/manifests/v1 200", $"GET /v2/guest/disk/manifests/{manifest} 200"], _registry.Http.Requests.Take(2));
        Assert.Equal(1, _registry.Http.Count("GET /v2/guest/disk/blobs/"));
        Assert.Equal(0, _registry.Http.Count("GET /v2/guest/disk/manifests/sha256:aaaa"));
    }

    [Fact]
    public async Task Pull_TamperedLayer_DigestMismatchAndNothingKept()
    {
        _ = _registry.Publish(FakeRegistry.Tar(("disk/disk.img", RandomNumberGenerator.GetBytes(64 * 1024))));
        _registry.TamperBlobs = true;
        DiskImageStore store = Store();

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(() => store.PullAsync(Reference, null, CancellationToken.None));

        Assert.Contains("with digest sha256:", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.List());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "tmp")));
        Assert.False(Directory.Exists(Path.Combine(Root, "blobs")));
    }

    [Theory]
    [InlineData("no-disk", "holds a disk/<file>")]
    [InlineData("two-disks", "more than one disk file")]
    [InlineData("symlink", "not a regular file")]
    public async Task Pull_LayerWithoutOneDiskFile_ClearError(string layout, string message)
    {
        byte[] data = RandomNumberGenerator.GetBytes(4096);
        byte[] layer = layout switch
        {
            "no-disk" => FakeRegistry.Tar(("etc/hostname", data)),
            "two-disks" => FakeRegistry.Tar(("disk/a.img", data), ("disk/b.img", data)),
            _ => SymlinkLayer(),
        };
        _ = _registry.Publish(layer);

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(() => Store().PullAsync(Reference, null, CancellationToken.None));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_RegistryWantsCredentials_ClearError()
    {
        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(
            () => Store().PullAsync("ursa.local/secret/disk:v1", null, CancellationToken.None));

        Assert.Contains("registry ursa.local requires authentication", error.Message, StringComparison.Ordinal);
        Assert.Contains("only anonymous pulls are supported", error.Message, StringComparison.Ordinal);
    }

    private static byte[] SymlinkLayer()
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(buffer, leaveOpen: true))
        {
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.SymbolicLink, "disk/disk.img") { LinkName = "/etc/shadow" });
        }

        return buffer.ToArray();
    }
}
