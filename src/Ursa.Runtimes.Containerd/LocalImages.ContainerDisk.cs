using System.Globalization;

namespace Ursa.Runtimes.Containerd;

// VM disk images as OCI images ("container disks", KubeVirt's layout), so VM pods pull them from the same
// registry as container pods: one layer holding disk/disk.qcow2 (or disk/disk.img for raw), and the format as a
// config label and a manifest annotation, so a runtime can tell the format before extracting anything.
public sealed partial class LocalImages
{
    /// <summary>Label and manifest annotation naming the disk format in a container disk (<c>qcow2</c> or <c>raw</c>).</summary>
    public const string DiskFormatKey = "org.ursa.disk.format";

    /// <summary>The busybox test guest as a container disk: <c>ursa.local/guest/busybox:latest</c>.</summary>
    public string BusyboxGuestImage => _options.RegistryHost + "/" + BusyboxGuestRepository;

    /// <summary>Repository and tag of <see cref="BusyboxGuestImage"/> in the local registry.</summary>
    public const string BusyboxGuestRepository = "guest/busybox:latest";

    /// <summary>
    /// Packages the disk image at <paramref name="diskImage"/> (<c>.qcow2</c>, or <c>.raw</c>/<c>.img</c> for raw)
    /// as a container disk and pushes it to the local registry as <paramref name="repositoryAndTag"/>
    /// (e.g. <c>guest/busybox:latest</c>, which VM pods find as <c>ursa.local/guest/busybox:latest</c>).
    /// The OCI layout is cached and rebuilt only when the disk file changed (size or modification time).
    /// </summary>
    public async Task PushContainerDiskAsync(string diskImage, string repositoryAndTag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(diskImage);
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryAndTag);
        string layout = await EnsureContainerDiskLayoutAsync(diskImage, repositoryAndTag, cancellationToken).ConfigureAwait(false);
        string destination = $"docker://{_options.RegistryAddress}/{repositoryAndTag}";
        CommandLine push = _network.Enter(Skopeo("copy", "--dest-tls-verify=false", $"oci:{layout}:latest", destination));
        _ = (await _runner.RunAsync(push, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        LogPushed(_logger, _options.RegistryHost + "/" + repositoryAndTag, destination);
    }

    /// <summary>The disk format a container disk of <paramref name="diskImage"/> declares, from its extension.</summary>
    public static string DiskFormatOf(string diskImage)
    {
        ArgumentNullException.ThrowIfNull(diskImage);
        return Path.GetExtension(diskImage).ToUpperInvariant() switch
        {
            ".QCOW2" => "qcow2",
            ".RAW" or ".IMG" => "raw",
            _ => throw new ArgumentException($"disk image '{diskImage}' must end in .qcow2, .raw or .img", nameof(diskImage)),
        };
    }

    /// <summary>The cached OCI layout of a container disk, built first when missing or out of date.</summary>
    internal async Task<string> EnsureContainerDiskLayoutAsync(string diskImage, string repositoryAndTag, CancellationToken cancellationToken)
    {
        string format = DiskFormatOf(diskImage);
        var disk = new FileInfo(diskImage);
        if (!disk.Exists)
        {
            throw new FileNotFoundException($"disk image '{diskImage}' does not exist", diskImage);
        }

        // guest/busybox:latest -> disk-guest_busybox_latest: one cached layout per pushed name.
        string name = "disk-" + string.Concat(repositoryAndTag.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        string layout = Path.Combine(_options.ImagesDirectory, name);
        string stampFile = layout + ".stamp";
        string stamp = string.Create(CultureInfo.InvariantCulture, $"container disk v1; {disk.FullName} {disk.Length} bytes, modified {disk.LastWriteTimeUtc:O}\n");
        if (Directory.Exists(layout) && File.Exists(stampFile) && await File.ReadAllTextAsync(stampFile, cancellationToken).ConfigureAwait(false) == stamp)
        {
            return layout;
        }

        // Built beside the cache and moved in whole, as EnsureLayoutAsync does.
        string work = Path.Combine(_options.ImagesDirectory, $".build-{name}-{Environment.ProcessId}");
        DeleteDirectory(work);
        string building = Path.Combine(work, "oci");
        try
        {
            Directory.CreateDirectory(work);
            string image = building + ":latest";
            await UmociAsync(cancellationToken, "init", "--layout", building).ConfigureAwait(false);
            await UmociAsync(cancellationToken, "new", "--image", image).ConfigureAwait(false);
            // unpack + copy + repack rather than `umoci insert`: 0.4.7's insert writes a layer tar without the
            // final padding and end-of-archive blocks, which GNU tar and strict tar readers reject.
            string bundle = Path.Combine(work, "bundle");
            await UmociAsync(cancellationToken, "unpack", "--image", image, bundle).ConfigureAwait(false);
            string target = Path.Combine(bundle, "rootfs", "disk", format == "qcow2" ? "disk.qcow2" : "disk.img");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(disk.FullName, target, overwrite: true);
            await UmociAsync(cancellationToken, "repack", "--image", image, bundle).ConfigureAwait(false);
            string label = DiskFormatKey + "=" + format;
            await UmociAsync(cancellationToken, "config", "--image", image, "--config.label", label, "--manifest.annotation", label).ConfigureAwait(false);
            DeleteDirectory(layout);
            Directory.Move(building, layout);
            await File.WriteAllTextAsync(stampFile, stamp, cancellationToken).ConfigureAwait(false);
            LogBuilt(_logger, name, layout);
            return layout;
        }
        finally
        {
            DeleteDirectory(work);
        }
    }
}
