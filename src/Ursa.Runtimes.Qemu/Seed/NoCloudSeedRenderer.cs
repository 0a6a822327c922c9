using System.Net.Sockets;
using System.Text;

namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>Pure: <see cref="NoCloudSeed"/> → the seed's files (meta-data, user-data, network-config v2,
/// ursa-network.env). Validates what it writes: values land in YAML and in a file a shell sources.</summary>
public static class NoCloudSeedRenderer
{
    /// <exception cref="ArgumentException">A hostname, MAC, address, gateway or key is malformed.</exception>
    public static SeedFiles Render(NoCloudSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        string instanceId = SeedValidation.InstanceId(seed.InstanceId);
        string hostname = SeedValidation.Hostname(seed.Hostname);
        List<string> keys = [.. (seed.SshPublicKeys ?? []).Select(SeedValidation.SshKey)];

        var meta = new StringBuilder();
        meta.Append("instance-id: ").Append(YamlText.Quote(instanceId)).Append('\n');
        meta.Append("local-hostname: ").Append(YamlText.Quote(hostname)).Append('\n');
        if (keys.Count > 0)
        {
            meta.Append("public-keys:\n");
            foreach (string key in keys)
            {
                meta.Append("  - ").Append(YamlText.Quote(key)).Append('\n');
            }
        }

        byte[] userData = UserDataComposer.Compose(seed.UserData, seed.UserDataScript, keys);
        (string? networkConfig, string env) = RenderNetwork(hostname, seed.Network);
        return new SeedFiles(meta.ToString(), userData, networkConfig, env);
    }

    private static (string? NetworkConfig, string Env) RenderNetwork(string hostname, SeedNetwork? network)
    {
        var env = new StringBuilder("# Written by Ursa: the VM's pod network, for guests without cloud-init (sh-sourceable).\n");
        env.Append("URSA_HOSTNAME=").Append(hostname).Append('\n');
        if (network is null)
        {
            return (null, env.ToString());
        }

        string mac = SeedValidation.MacAddress(network.MacAddress);
        var yaml = new StringBuilder("version: 2\nethernets:\n");
        yaml.Append("  ").Append(YamlText.Quote(network.InterfaceId)).Append(":\n");
        yaml.Append("    match:\n      macaddress: ").Append(YamlText.Quote(mac)).Append('\n');
        env.Append("URSA_MAC=").Append(mac).Append('\n');
        if (network.Address is null)
        {
            yaml.Append("    dhcp4: true\n");
        }
        else
        {
            (string address, AddressFamily family) = SeedValidation.AddressWithPrefix(network.Address);
            yaml.Append("    addresses:\n      - ").Append(YamlText.Quote(address)).Append('\n');
            env.Append("URSA_IP=").Append(address).Append('\n');
            if (network.Gateway is not null)
            {
                string gateway = SeedValidation.Ip(network.Gateway, "gateway").ToString();
                // routes, not the deprecated gateway4: netplan rejects both together, and routes also cover IPv6.
                string to = family == AddressFamily.InterNetwork ? "0.0.0.0/0" : "::/0";
                yaml.Append("    routes:\n      - to: ").Append(YamlText.Quote(to)).Append("\n        via: ").Append(YamlText.Quote(gateway)).Append('\n');
                env.Append("URSA_GATEWAY=").Append(gateway).Append('\n');
            }
        }

        List<string> dns = [.. (network.Nameservers ?? []).Select(n => SeedValidation.Ip(n, "nameserver").ToString())];
        if (dns.Count > 0)
        {
            yaml.Append("    nameservers:\n      addresses:\n");
            foreach (string server in dns)
            {
                yaml.Append("        - ").Append(YamlText.Quote(server)).Append('\n');
            }

            env.Append("URSA_DNS='").Append(string.Join(' ', dns)).Append("'\n");
        }

        return (yaml.ToString(), env.ToString());
    }
}
