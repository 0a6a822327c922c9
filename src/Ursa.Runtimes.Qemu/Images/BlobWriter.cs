using System.Security.Cryptography;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// A disk file on its way into the store: written under <c>ROOT/tmp/</c> while hashed, then moved whole to
/// <c>ROOT/blobs/sha256/&lt;hex&gt;</c>, so a crash or a failed check never leaves a partial file in the cache.
/// Runs of zeros are skipped with a seek, so a raw image stays sparse (a 10 GiB raw disk with 1 GiB of data
/// costs 1 GiB here).
/// </summary>
internal sealed class BlobWriter : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _committed;

    public BlobWriter(string temporaryDirectory)
    {
        _ = Directory.CreateDirectory(temporaryDirectory);
        TemporaryPath = Path.Combine(temporaryDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}.part");
        _file = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
    }

    public string TemporaryPath { get; }

    public long Length { get; private set; }

    public string? Digest { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _hash.AppendData(bytes.Span);
        Length += bytes.Length;
        if (bytes.Span.ContainsAnyExcept((byte)0))
        {
            await _file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _file.Position += bytes.Length;
        }
    }

    public async Task CopyFromAsync(Stream source, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes to disk and returns the content's digest; checks it against <paramref name="expected"/>.</summary>
    public async Task<string> CompleteAsync(string? expected, CancellationToken cancellationToken)
    {
        _file.SetLength(Length);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        Digest = Sha256Digest.Of(_hash);
        return expected is null || expected == Digest
            ? Digest
            : throw new InvalidDataException($"content digest {Digest} does not match the expected {expected}");
    }

    /// <summary>Moves the completed file to <paramref name="blobPath"/>; when that file exists (same digest, same
    /// bytes) the new copy is dropped.</summary>
    public void Commit(string blobPath)
    {
        _ = Directory.CreateDirectory(Path.GetDirectoryName(blobPath)!);
        if (File.Exists(blobPath))
        {
            File.Delete(TemporaryPath);
        }
        else
        {
            // Read-only: a VM writes to its overlay, never to the shared base.
            File.SetUnixFileMode(TemporaryPath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(TemporaryPath, blobPath, overwrite: true);
        }

        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }
}
