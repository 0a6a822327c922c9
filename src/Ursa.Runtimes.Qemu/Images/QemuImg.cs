using System.Globalization;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary><c>qemu-img</c>: the command lines (pure) and running them.</summary>
internal sealed class QemuImg(string executable, ICommandRunner runner)
{
    public static string FormatName(DiskFormat format) => format switch
    {
        DiskFormat.Qcow2 => "qcow2",
        DiskFormat.Raw => "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    // --force-share: reading the header needs no write lock, so info works while a VM has the file open.
    public CommandLine InfoCommand(string path) => CommandLine.Of(executable, "info", "--output=json", "--force-share", path);

    // -F names the base's format explicitly: QEMU must never probe a downloaded file's format (a raw image
    // whose first bytes look like a qcow2 header could otherwise name a backing file).
    public CommandLine CreateOverlayCommand(string basePath, DiskFormat baseFormat, string overlayPath, long? virtualSizeBytes)
    {
        var arguments = new List<string> { "create", "-q", "-f", "qcow2", "-F", FormatName(baseFormat), "-b", basePath, overlayPath };
        if (virtualSizeBytes is { } size)
        {
            arguments.Add(size.ToString(CultureInfo.InvariantCulture));
        }

        return new CommandLine(executable, arguments);
    }

    public async Task<QemuImgInfo> InfoAsync(string path, CancellationToken cancellationToken)
    {
        CommandResult result = (await runner.RunAsync(InfoCommand(path), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        return QemuImgInfo.Parse(result.StandardOutput);
    }

    public async Task CreateOverlayAsync(string basePath, DiskFormat baseFormat, string overlayPath, long? virtualSizeBytes, CancellationToken cancellationToken) =>
        _ = (await runner.RunAsync(CreateOverlayCommand(basePath, baseFormat, overlayPath, virtualSizeBytes), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
}
