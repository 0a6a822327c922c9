using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>Checks and normalizes what goes into a seed: it ends up in YAML and a shell-sourced file.</summary>
internal static partial class SeedValidation
{
    public static string Hostname(string hostname)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        return hostname.Length <= 253 && HostnamePattern().IsMatch(hostname)
            ? hostname
            : throw new ArgumentException($"hostname '{hostname}' is not an RFC 1123 name", nameof(hostname));
    }

    public static string InstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return instanceId.Any(char.IsControl)
            ? throw new ArgumentException("instance id contains control characters", nameof(instanceId))
            : instanceId;
    }

    /// <summary>Lowercase colon-separated form.</summary>
    public static string MacAddress(string mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        return MacPattern().IsMatch(mac)
            ? mac.ToLowerInvariant()
            : throw new ArgumentException($"MAC address '{mac}' is not six colon-separated hex bytes", nameof(mac));
    }

    /// <summary><c>IP/prefix</c>, normalized (e.g. <c>10.88.0.5/16</c>); returns the address family too.</summary>
    public static (string Text, AddressFamily Family) AddressWithPrefix(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        string[] parts = address.Split('/');
        if (parts.Length == 2 && IPAddress.TryParse(parts[0], out IPAddress? ip)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)
            && prefix <= (ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return (string.Create(CultureInfo.InvariantCulture, $"{ip}/{prefix}"), ip.AddressFamily);
        }

        throw new ArgumentException($"address '{address}' is not IP/prefix (e.g. 10.88.0.5/16)", nameof(address));
    }

    public static IPAddress Ip(string address, string what) =>
        IPAddress.TryParse(address, out IPAddress? ip) ? ip : throw new ArgumentException($"{what} '{address}' is not an IP address");

    /// <summary>One OpenSSH public key line.</summary>
    public static string SshKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string trimmed = key.Trim();
        return trimmed.Length > 0 && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw new ArgumentException("an SSH public key must be one non-empty line", nameof(key));
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")]
    private static partial Regex MacPattern();
}
