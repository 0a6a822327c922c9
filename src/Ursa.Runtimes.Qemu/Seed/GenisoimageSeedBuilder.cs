namespace Ursa.Runtimes.Qemu.Seed;

/// <summary><see cref="ISeedBuilder"/> with <c>genisoimage</c> (Debian's genisoimage package): the files from
/// <see cref="NoCloudSeedRenderer"/> on a volume labelled <c>cidata</c>, with Joliet and Rock Ridge names so
/// <c>meta-data</c> keeps its name (plain ISO9660 would make it <c>META_DAT</c>). ~7 ms per seed here (qemu-img create of an overlay ~14 ms).</summary>
public sealed class GenisoimageSeedBuilder : ISeedBuilder
{
    private readonly ICommandRunner _runner;
    private readonly string _genisoimage;

    /// <summary>A builder running <paramref name="genisoimage"/> through <paramref name="runner"/>.</summary>
    public GenisoimageSeedBuilder(ICommandRunner runner, string genisoimage = "/usr/bin/genisoimage")
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        ArgumentException.ThrowIfNullOrWhiteSpace(genisoimage);
        _genisoimage = genisoimage;
    }

    /// <summary>The command that packs <paramref name="directory"/> into <paramref name="isoPath"/>.</summary>
    public CommandLine Command(string directory, string isoPath) =>
        CommandLine.Of(_genisoimage, "-quiet", "-output", isoPath, "-volid", "cidata", "-joliet", "-rock", directory);

    /// <inheritdoc />
    public async Task BuildAsync(NoCloudSeed seed, string isoPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(isoPath);
        SeedFiles files = NoCloudSeedRenderer.Render(seed);
        string target = Path.GetFullPath(isoPath);
        _ = Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string staging = $"{target}.{Environment.ProcessId}.d";
        string temporary = $"{target}.{Environment.ProcessId}.tmp";
        try
        {
            _ = Directory.CreateDirectory(staging);
            foreach ((string name, byte[] content) in files.ToFiles())
            {
                await File.WriteAllBytesAsync(Path.Combine(staging, name), content, cancellationToken).ConfigureAwait(false);
            }

            _ = (await _runner.RunAsync(Command(staging, temporary), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            // Whole or not at all: QEMU may be about to open the seed.
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
