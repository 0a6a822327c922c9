namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>Writes a VM's NoCloud seed: an ISO9660 volume labelled <c>cidata</c>, attached to the VM as a CD.</summary>
public interface ISeedBuilder
{
    /// <summary>Writes the seed for <paramref name="seed"/> to <paramref name="isoPath"/> (replacing what is there).</summary>
    /// <exception cref="ArgumentException">The seed's hostname, MAC, addresses or keys are malformed.</exception>
    Task BuildAsync(NoCloudSeed seed, string isoPath, CancellationToken cancellationToken);
}
