using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// <see cref="IDiskImageStore"/> on a local directory:
/// <code>
///  ROOT/blobs/sha256/HEX   disk files, named by the sha256 of their bytes, read-only, shared by every VM
///  ROOT/index.json         reference → digest (+ ETag / Last-Modified / manifest digest for revalidation)
///  ROOT/tmp/*.part         downloads in progress (hashed while written, moved into blobs/ only when checked)
/// </code>
/// One store per root: a second process on the same root would delete the first one's partial downloads.
/// </summary>
public sealed partial class DiskImageStore : IDiskImageStore
{
    private readonly DiskImageStoreOptions _options;
    private readonly HttpDiskSource _httpSource;
    private readonly OciDiskSource _ociSource;
    private readonly QemuImg _qemuImg;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SharedPull> _inFlight = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private ImageIndex? _index;
    private long _version;
    private long _savedVersion;

    /// <summary>A store under <see cref="DiskImageStoreOptions.Root"/>. <paramref name="http"/> carries every
    /// download and registry request (give it a ConnectCallback to reach a registry inside a network namespace).</summary>
    public DiskImageStore(DiskImageStoreOptions options, HttpClient http, ICommandRunner runner, TimeProvider time, ILogger<DiskImageStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(runner);
        options.Validate();
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _httpSource = new HttpDiskSource(http, options, time);
        _ociSource = new OciDiskSource(http, options, time);
        _qemuImg = new QemuImg(options.QemuImg, runner);
    }

    /// <summary>Where the disk with id <paramref name="id"/> is (or would be) cached.</summary>
    public string BlobPath(string id) => Path.Combine(_options.Root, "blobs", "sha256", Sha256Digest.Hex(id));

    private string TemporaryDirectory => Path.Combine(_options.Root, "tmp");

    private string IndexPath => Path.Combine(_options.Root, "index.json");

    /// <inheritdoc />
    public async Task<DiskImage> PullAsync(string reference, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        DiskImageReference parsed;
        try
        {
            parsed = DiskImageReference.Parse(reference);
        }
        catch (ArgumentException error)
        {
            throw new DiskImagePullException(reference, error.Message, error);
        }

        SharedPull pull;
        lock (_lock)
        {
            if (!_inFlight.TryGetValue(parsed.Key, out pull!) || pull.Abandoned)
            {
                pull = new SharedPull();
                _inFlight[parsed.Key] = pull;
                pull.Join(progress);
                pull.Task = RunSharedAsync(parsed, pull);
            }
            else
            {
                pull.Join(progress);
                LogJoined(_logger, parsed.Key);
            }
        }

        try
        {
            return await pull.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            bool last;
            lock (_lock)
            {
                last = pull.Leave(progress);
            }

            if (last)
            {
                await pull.Cancellation.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public DiskImage? Status(string referenceOrId)
    {
        ArgumentNullException.ThrowIfNull(referenceOrId);
        lock (_lock)
        {
            ImageRecord? image = LooksLikeId(referenceOrId)
                ? Index.FindById(referenceOrId)
                : DiskImageReference.TryParse(referenceOrId, out DiskImageReference? parsed) ? Index.FindByReference(parsed!.Key) : null;
            return image is null ? null : ToDiskImage(image);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<DiskImage> List()
    {
        lock (_lock)
        {
            return [.. Index.Images.Select(ToDiskImage)];
        }
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string referenceOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referenceOrId);
        ImageRecord? removed;
        bool found;
        string json;
        long version;
        lock (_lock)
        {
            if (LooksLikeId(referenceOrId))
            {
                removed = Index.RemoveImage(referenceOrId);
                found = removed is not null;
            }
            else
            {
                string key = DiskImageReference.TryParse(referenceOrId, out DiskImageReference? parsed) ? parsed!.Key : referenceOrId;
                removed = Index.RemoveReference(key, out found);
            }

            (json, version) = Snapshot();
        }

        if (!found)
        {
            return false;
        }

        if (removed is not null)
        {
            File.Delete(BlobPath(removed.Id));
            LogRemoved(_logger, removed.Id, referenceOrId);
        }

        await SaveAsync(json, version, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task CreateOverlayAsync(DiskImage baseImage, string overlayPath, long? virtualSizeBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseImage);
        ArgumentException.ThrowIfNullOrWhiteSpace(overlayPath);
        if (!File.Exists(baseImage.Path))
        {
            throw new FileNotFoundException($"base image {baseImage.Id} is not in the store", baseImage.Path);
        }

        if (virtualSizeBytes < baseImage.VirtualSizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(virtualSizeBytes), $"an overlay cannot be smaller than its base ({baseImage.VirtualSizeBytes} bytes)");
        }

        // qemu-img create overwrites without asking; a VM's existing disk must never be replaced by accident.
        if (File.Exists(overlayPath))
        {
            throw new IOException($"{overlayPath} exists");
        }

        _ = Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(overlayPath))!);
        string temporary = $"{overlayPath}.{Environment.ProcessId}.tmp";
        try
        {
            await _qemuImg.CreateOverlayAsync(baseImage.Path, baseImage.Format, temporary, virtualSizeBytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, overlayPath, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }

        LogOverlayCreated(_logger, overlayPath, baseImage.Id);
    }

    private static bool LooksLikeId(string text) =>
        Sha256Digest.IsValid(text) || (text.Length == 64 && !text.AsSpan().ContainsAnyExcept("0123456789abcdef"));

    private async Task<DiskImage> RunSharedAsync(DiskImageReference reference, SharedPull pull)
    {
        // Off the caller's lock before any work.
        await Task.Yield();
        try
        {
            return await PullCoreAsync(reference, pull.Progress, pull.Cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                if (_inFlight.TryGetValue(reference.Key, out SharedPull? current) && current == pull)
                {
                    _ = _inFlight.Remove(reference.Key);
                }
            }
        }
    }

    private async Task<DiskImage> PullCoreAsync(DiskImageReference reference, IProgress<ImagePullProgress> sink, CancellationToken cancellationToken)
    {
        var meter = new ProgressMeter(reference.Key, _options.ProgressInterval, sink);
        meter.Report(ImagePullPhase.Resolving);
        long started = _time.GetTimestamp();
        ImageRecord? cached;
        ReferenceRecord? previous;
        lock (_lock)
        {
            cached = Index.FindByReference(reference.Key);
            previous = cached is not null && File.Exists(BlobPath(cached.Id)) ? Index.Source(reference.Key) : null;
        }

        await using var writer = new BlobWriter(TemporaryDirectory);
        DownloadResult result = await DownloadAsync(reference, previous, writer, meter, cancellationToken).ConfigureAwait(false);
        DiskImage image;
        if (result.NotModified)
        {
            image = await RecordAsync(cached!, result.Source, cancellationToken).ConfigureAwait(false);
            LogNotModified(_logger, reference.Key, image.Id);
        }
        else
        {
            ImageRecord content = await CheckAsync(reference, writer, cancellationToken).ConfigureAwait(false);
            writer.Commit(BlobPath(content.Id));
            image = await RecordAsync(content, result.Source, cancellationToken).ConfigureAwait(false);
            LogPulled(_logger, reference.Key, image.Id, image.Format, image.SizeBytes, _time.GetElapsedTime(started).TotalMilliseconds);
        }

        meter.Report(ImagePullPhase.Complete);
        return image;
    }

    private async Task<DownloadResult> DownloadAsync(DiskImageReference reference, ReferenceRecord? previous, BlobWriter writer, ProgressMeter meter,
        CancellationToken cancellationToken)
    {
        try
        {
            return reference.Oci is null
                ? await _httpSource.DownloadAsync(reference, previous, writer, meter, cancellationToken).ConfigureAwait(false)
                : await _ociSource.DownloadAsync(reference, previous, writer, meter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutException or InvalidDataException)
        {
            throw new DiskImagePullException(reference.Key, error.Message, error);
        }
    }

    // The pinned digest, then qemu-img's verdict, both on the temporary file: refused content never enters blobs/.
    private async Task<ImageRecord> CheckAsync(DiskImageReference reference, BlobWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            string digest = await writer.CompleteAsync(reference.PinnedDigest, cancellationToken).ConfigureAwait(false);
            QemuImgInfo info = await _qemuImg.InfoAsync(writer.TemporaryPath, cancellationToken).ConfigureAwait(false);
            return new ImageRecord(digest, info.ToStoreFormat(), writer.Length, info.VirtualSizeBytes, []);
        }
        catch (Exception error) when (error is InvalidDataException or FormatException or CommandFailedException)
        {
            throw new DiskImagePullException(reference.Key, error.Message, error);
        }
    }

    private async Task<DiskImage> RecordAsync(ImageRecord content, ReferenceRecord source, CancellationToken cancellationToken)
    {
        ImageRecord recorded;
        string json;
        long version;
        lock (_lock)
        {
            recorded = Index.Put(content, source);
            (json, version) = Snapshot();
        }

        await SaveAsync(json, version, cancellationToken).ConfigureAwait(false);
        return ToDiskImage(recorded);
    }

    private DiskImage ToDiskImage(ImageRecord image) =>
        new(image.Id, image.Format, image.SizeBytes, image.VirtualSizeBytes, BlobPath(image.Id), [.. image.References.Select(r => r.Reference)]);

    // Called under _lock. The index is loaded on first use, before any pull writes to tmp/, so clearing tmp/
    // here only removes what a crashed process left behind.
    private ImageIndex Index => _index ??= Load();

    private ImageIndex Load()
    {
        if (Directory.Exists(TemporaryDirectory))
        {
            foreach (string leftover in Directory.EnumerateFiles(TemporaryDirectory, "*.part"))
            {
                File.Delete(leftover);
            }
        }

        if (!File.Exists(IndexPath))
        {
            return new ImageIndex();
        }

        ImageIndexDocument document = JsonSerializer.Deserialize(File.ReadAllBytes(IndexPath), ImageIndexJsonContext.Default.ImageIndexDocument)
            ?? throw new InvalidDataException($"{IndexPath} is empty");
        if (document.Version != ImageIndexDocument.CurrentVersion)
        {
            throw new InvalidDataException($"{IndexPath} has version {document.Version}; this Ursa reads version {ImageIndexDocument.CurrentVersion}");
        }

        // A blob removed behind the store's back is an image the store no longer has.
        return new ImageIndex(document.Images.Where(i => File.Exists(BlobPath(i.Id))));
    }

    private (string Json, long Version) Snapshot() =>
        (JsonSerializer.Serialize(Index.ToDocument(), ImageIndexJsonContext.Default.ImageIndexDocument), ++_version);

    // Writers race to save; versions make sure an older snapshot never overwrites a newer one.
    private async Task SaveAsync(string json, long version, CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (version <= _savedVersion)
            {
                return;
            }

            _ = Directory.CreateDirectory(_options.Root);
            string temporary = IndexPath + ".tmp";
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, IndexPath, overwrite: true);
            _savedVersion = version;
        }
        finally
        {
            _ = _saveGate.Release();
        }
    }
}
