using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class DiskImageStoreExtensionsTests
{
    private static readonly DiskImage Cached = new("sha256:" + new string('1', 64), DiskFormat.Qcow2, 1, 1, "/s/1", ["ursa.local/a:v1"]);

    [Theory]
    [InlineData(DiskImagePullPolicy.Always, true, 1)]
    [InlineData(DiskImagePullPolicy.Always, false, 1)]
    [InlineData(DiskImagePullPolicy.IfNotPresent, true, 0)]
    [InlineData(DiskImagePullPolicy.IfNotPresent, false, 1)]
    [InlineData(DiskImagePullPolicy.Never, true, 0)]
    public async Task EnsureAsync_Policy_PullsOnlyWhenItShould(DiskImagePullPolicy policy, bool present, int pulls)
    {
        var store = new FakeStore(present ? Cached : null);

        DiskImage image = await store.EnsureAsync("ursa.local/a:v1", policy, null, CancellationToken.None);

        Assert.Equal(pulls, store.Pulls);
        Assert.Equal(present && pulls == 0 ? Cached : FakeStore.Pulled, image);
    }

    [Fact]
    public async Task EnsureAsync_NeverAndAbsent_Throws()
    {
        var store = new FakeStore(null);

        DiskImagePullException error = await Assert.ThrowsAsync<DiskImagePullException>(
            () => store.EnsureAsync("ursa.local/a:v1", DiskImagePullPolicy.Never, null, CancellationToken.None));

        Assert.Contains("pull policy is Never", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Pulls);
    }

    private sealed class FakeStore(DiskImage? present) : IDiskImageStore
    {
        public static readonly DiskImage Pulled = Cached with { Id = "sha256:" + new string('2', 64) };

        public int Pulls { get; private set; }

        public Task<DiskImage> PullAsync(string reference, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
        {
            Pulls++;
            return Task.FromResult(Pulled);
        }

        public DiskImage? Status(string referenceOrId) => present;

        public IReadOnlyList<DiskImage> List() => present is null ? [] : [present];

        public Task<bool> RemoveAsync(string referenceOrId, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task CreateOverlayAsync(DiskImage baseImage, string overlayPath, long? virtualSizeBytes, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
