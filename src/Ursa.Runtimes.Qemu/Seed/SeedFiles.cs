using System.Text;

namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>The files of a NoCloud seed, as they go on the <c>cidata</c> volume.</summary>
/// <param name="MetaData"><c>meta-data</c>: instance-id, local-hostname, public-keys.</param>
/// <param name="UserData"><c>user-data</c>: what cloud-init runs.</param>
/// <param name="NetworkConfig"><c>network-config</c> (v2), or null to let the guest use DHCP.</param>
/// <param name="UrsaNetworkEnv"><c>ursa-network.env</c>: the same network as shell variables, for guests without cloud-init.</param>
public sealed record SeedFiles(string MetaData, byte[] UserData, string? NetworkConfig, string UrsaNetworkEnv)
{
    /// <summary>File name → content, in the order they are written.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> ToFiles()
    {
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new("meta-data", Encoding.UTF8.GetBytes(MetaData)),
            new("user-data", UserData),
        };
        if (NetworkConfig is not null)
        {
            files.Add(new("network-config", Encoding.UTF8.GetBytes(NetworkConfig)));
        }

        files.Add(new("ursa-network.env", Encoding.UTF8.GetBytes(UrsaNetworkEnv)));
        return files;
    }
}
