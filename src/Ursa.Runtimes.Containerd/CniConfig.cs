using System.Text;
using System.Text.Json;

namespace Ursa.Runtimes.Containerd;

/// <summary>
/// Pure: <see cref="ContainerdOptions"/> → the CNI bridge network every pod joins, inside Ursa's own
/// network namespace.
/// </summary>
/// <remarks>
/// <code>
///  host netns                 | netns ursa0 (no route out)
///  ursa agent --- unix sock --+--> containerd, registry @127.0.0.1
///                             |        bridge ursabr0 10.88.0.1/16
///                             |        /      |       \
///                             |     pod a   pod b   pod c   (10.88.0.x, route 10.88.0.0/16 only)
/// </code>
/// No masquerade and no default route: a pod reaches other pods and the bridge, and nothing else.
/// </remarks>
public static class CniConfig
{
    /// <summary>File name in <see cref="ContainerdOptions.CniConfigDirectory"/>; containerd loads the first by name.</summary>
    public const string FileName = "10-ursa.conflist";

    /// <summary>The CNI network's name, as CNI results and host-local's allocation directory show it.</summary>
    public const string NetworkName = "ursa";

    /// <summary>The bridge conflist for <paramref name="options"/> (CNI spec 1.0.0, containernetworking-plugins 1.1+).</summary>
    public static string RenderBridge(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (System.Net.IPAddress network, int prefix) = ContainerdOptions.ParsePodSubnet(options.PodSubnet);
        string subnet = $"{network}/{prefix}";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cniVersion", "1.0.0");
            json.WriteString("name", NetworkName);
            json.WriteStartArray("plugins");
            json.WriteStartObject();
            json.WriteString("type", "bridge");
            json.WriteString("bridge", options.BridgeName);
            // The bridge gets the subnet's first address so processes in the namespace (containerd, probes
            // run there) reach pods; it is not made anyone's default gateway.
            json.WriteBoolean("isGateway", true);
            json.WriteBoolean("isDefaultGateway", false);
            json.WriteBoolean("ipMasq", false);
            json.WriteBoolean("hairpinMode", true);
            json.WriteStartObject("ipam");
            json.WriteString("type", "host-local");
            json.WriteString("dataDir", Path.Combine(options.DataDirectory, "cni-ipam"));
            json.WriteStartArray("ranges");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("subnet", subnet);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndArray();
            // Only the pod subnet: no 0.0.0.0/0, so a pod has no route off the bridge.
            json.WriteStartArray("routes");
            json.WriteStartObject();
            json.WriteString("dst", subnet);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
