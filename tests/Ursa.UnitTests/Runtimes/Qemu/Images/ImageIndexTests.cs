using System.Text.Json;
using Ursa.Runtimes.Qemu.Images;

namespace Ursa.UnitTests.Runtimes.Qemu.Images;

public sealed class ImageIndexTests
{
    private const string X = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Y = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static ImageRecord Content(string id) => new(id, DiskFormat.Qcow2, 100, 1000, []);

    private static ReferenceRecord Ref(string reference) => new(reference, At);

    [Fact]
    public void Put_TwoReferencesSameContent_OneImageBothReferences()
    {
        var index = new ImageIndex();

        _ = index.Put(Content(X), Ref("http://a/disk"));
        ImageRecord image = index.Put(Content(X), Ref("http://b/disk"));

        Assert.Single(index.Images);
        Assert.Equal(["http://a/disk", "http://b/disk"], image.References.Select(r => r.Reference));
        Assert.Equal(X, index.FindByReference("http://b/disk")!.Id);
    }

    [Fact]
    public void Put_ReferenceMovesToNewContent_OldImageKeptDangling()
    {
        var index = new ImageIndex();
        _ = index.Put(Content(X), Ref("http://a/disk"));

        _ = index.Put(Content(Y), Ref("http://a/disk"));

        Assert.Equal(Y, index.FindByReference("http://a/disk")!.Id);
        Assert.Empty(index.FindById(X)!.References);
        Assert.Equal(2, index.Images.Count());
    }

    [Fact]
    public void Put_SameReferenceAgain_ReplacesSourceRecord()
    {
        var index = new ImageIndex();
        _ = index.Put(Content(X), Ref("http://a/disk") with { ETag = "\"v1\"" });

        _ = index.Put(Content(X), Ref("http://a/disk") with { ETag = "\"v2\"" });

        Assert.Equal("\"v2\"", index.Source("http://a/disk")!.ETag);
        Assert.Single(index.FindById(X)!.References);
    }

    [Fact]
    public void RemoveReference_NotLast_KeepsImage()
    {
        var index = new ImageIndex();
        _ = index.Put(Content(X), Ref("a"));
        _ = index.Put(Content(X), Ref("b"));

        ImageRecord? orphan = index.RemoveReference("a", out bool found);

        Assert.True(found);
        Assert.Null(orphan);
        Assert.Null(index.FindByReference("a"));
        Assert.Equal(["b"], index.FindById(X)!.References.Select(r => r.Reference));
    }

    [Fact]
    public void RemoveReference_Last_ReturnsImageToDelete()
    {
        var index = new ImageIndex();
        _ = index.Put(Content(X), Ref("a"));

        ImageRecord? orphan = index.RemoveReference("a", out bool found);

        Assert.True(found);
        Assert.Equal(X, orphan!.Id);
        Assert.Empty(index.Images);
        Assert.Null(index.RemoveReference("a", out bool again));
        Assert.False(again);
    }

    [Fact]
    public void RemoveImage_ByBareHex_DropsAllReferences()
    {
        var index = new ImageIndex();
        _ = index.Put(Content(X), Ref("a"));
        _ = index.Put(Content(X), Ref("b"));

        Assert.Equal(X, index.RemoveImage(X[7..])!.Id);

        Assert.Null(index.FindByReference("a"));
        Assert.Null(index.FindByReference("b"));
        Assert.Null(index.RemoveImage(X));
    }

    [Fact]
    public void ToDocument_RoundTripsThroughJson()
    {
        var index = new ImageIndex();
        _ = index.Put(Content(X), Ref("http://a/disk") with { ETag = "\"e\"", LastModified = At });
        _ = index.Put(Content(Y) with { Format = DiskFormat.Raw }, Ref("ursa.local/guest/busybox:latest") with { ManifestDigest = X });

        string json = JsonSerializer.Serialize(index.ToDocument(), ImageIndexJsonContext.Default.ImageIndexDocument);
        var loaded = new ImageIndex(JsonSerializer.Deserialize(json, ImageIndexJsonContext.Default.ImageIndexDocument)!.Images);

        Assert.Contains("\"format\": \"Raw\"", json, StringComparison.Ordinal);
        Assert.Equal("\"e\"", loaded.Source("http://a/disk")!.ETag);
        Assert.Equal(At, loaded.Source("http://a/disk")!.LastModified);
        Assert.Equal(X, loaded.Source("ursa.local/guest/busybox:latest")!.ManifestDigest);
        Assert.Equal(DiskFormat.Raw, loaded.FindByReference("ursa.local/guest/busybox:latest")!.Format);
    }
}
