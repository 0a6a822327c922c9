using System.Formats.Tar;
using System.IO.Compression;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// Finds the disk in one layer of a KubeVirt containerDisk (<c>disk/&lt;file&gt;</c>, qcow2 or raw) and streams it
/// to a <see cref="BlobWriter"/> in the same pass that downloads and hashes the layer: no layer file on disk,
/// so a 1 GiB disk needs 1 GiB of space, not 2.
/// </summary>
internal static class ContainerDiskExtractor
{
    /// <summary>Whether <paramref name="entryName"/> is a disk file: exactly one name under <c>disk/</c>.</summary>
    public static bool IsDiskEntry(string entryName)
    {
        string name = entryName.TrimStart('.', '/');
        return name.StartsWith("disk/", StringComparison.Ordinal) && name.Length > 5 && name.IndexOf('/', 5) < 0;
    }

    /// <summary>Reads the layer to its end; writes its disk file, if any, to <paramref name="writer"/>.</summary>
    /// <returns>The disk's entry name, or null when the layer has none.</returns>
    /// <exception cref="InvalidDataException">The layer is not a tar (or gzip), or its disk is not one regular file.</exception>
    public static async Task<string?> ExtractAsync(Stream layer, bool gzip, BlobWriter writer, CancellationToken cancellationToken)
    {
        Stream tar = gzip ? new GZipStream(layer, CompressionMode.Decompress, leaveOpen: true) : layer;
        try
        {
            await using var reader = new TarReader(tar, leaveOpen: true);
            string? found = null;
            while (await NextEntryAsync(reader, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (!IsDiskEntry(entry.Name) || entry.EntryType == TarEntryType.Directory)
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                {
                    throw new InvalidDataException($"{entry.Name} is a {entry.EntryType}, not a regular file");
                }

                if (found is not null)
                {
                    throw new InvalidDataException($"the layer holds more than one disk file ({found}, {entry.Name})");
                }

                found = entry.Name;
                long before = writer.Length;
                if (entry.DataStream is { } data)
                {
                    await writer.CopyFromAsync(data, cancellationToken).ConfigureAwait(false);
                }

                if (writer.Length - before != entry.Length)
                {
                    throw new InvalidDataException($"{entry.Name} ends after {writer.Length - before} of its {entry.Length} bytes");
                }
            }

            return found;
        }
        finally
        {
            if (gzip)
            {
                await tar.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // umoci 0.4.7 (Debian 12) writes layers that end right after the last file's data, without the padding and
    // the two zero blocks that close a tar: an end of stream between entries is the end of the archive. The
    // layer's digest is checked afterwards, so a download cut short cannot pass for such a layer.
    private static async Task<TarEntry?> NextEntryAsync(TarReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }
}
