using System.Text.Json;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>What <c>qemu-img info --output=json</c> says about a file, reduced to what the store checks.</summary>
/// <param name="Format">The detected format name (<c>qcow2</c>, <c>raw</c>, <c>vmdk</c>, ...).</param>
/// <param name="VirtualSizeBytes">The guest-visible size.</param>
/// <param name="BackingFile">The backing file a qcow2 names, or null.</param>
/// <param name="DataFile">The external data file a qcow2 names, or null.</param>
internal sealed record QemuImgInfo(string Format, long VirtualSizeBytes, string? BackingFile, string? DataFile)
{
    /// <exception cref="FormatException">Not qemu-img's JSON.</exception>
    public static QemuImgInfo Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            string format = root.GetProperty("format").GetString() ?? throw new FormatException("qemu-img info: format is null");
            long size = root.GetProperty("virtual-size").GetInt64();
            string? backing = root.TryGetProperty("backing-filename", out JsonElement b) ? b.GetString() : null;
            string? dataFile = root.TryGetProperty("format-specific", out JsonElement specific)
                && specific.TryGetProperty("data", out JsonElement data)
                && data.TryGetProperty("data-file", out JsonElement d) ? d.GetString() : null;
            return new QemuImgInfo(format, size, backing, dataFile);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("qemu-img info printed unexpected JSON: " + error.Message, error);
        }
    }

    /// <summary>
    /// The store's format for this file, or why it is refused. A downloaded qcow2 that names a backing or data
    /// file would make QEMU open that host path for the guest (a classic image-upload hole), so only
    /// self-contained qcow2 and raw are accepted.
    /// </summary>
    public DiskFormat ToStoreFormat()
    {
        if (BackingFile is not null || DataFile is not null)
        {
            throw new InvalidDataException($"the {Format} image names an external file ('{BackingFile ?? DataFile}'); only self-contained images are accepted");
        }

        return Format switch
        {
            "qcow2" => DiskFormat.Qcow2,
            "raw" => DiskFormat.Raw,
            _ => throw new InvalidDataException($"disk format '{Format}' is not supported (qcow2 or raw)"),
        };
    }
}
