using System.Text;
using System.Text.Json;

namespace Ursa.Runtimes.Containerd;

/// <summary>Pure: <see cref="ContainerdOptions"/> → the config file of Debian's <c>docker-registry</c>
/// (distribution 2.8): storage under the data directory, listening on the namespace's loopback only, no auth.</summary>
public static class RegistryConfig
{
    /// <summary>Where the registry keeps its blobs and manifests.</summary>
    public static string StorageDirectory(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.RegistryDirectory, "storage");
    }

    /// <summary>Where <see cref="Render"/> goes.</summary>
    public static string ConfigPath(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.RegistryDirectory, "config.yml");
    }

    /// <summary>The registry's YAML config. Strings are JSON-quoted, which YAML reads as double-quoted scalars.</summary>
    public static string Render(ContainerdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var yaml = new StringBuilder();
        yaml.Append("# Written by Ursa: the local registry, reachable only inside network namespace ").Append(options.NetworkNamespace).Append(".\n");
        yaml.Append("version: 0.1\n");
        yaml.Append("log:\n");
        yaml.Append("  level: info\n");
        // One access-log line per blob request would triple the log for every pull; errors still show.
        yaml.Append("  accesslog:\n");
        yaml.Append("    disabled: true\n");
        yaml.Append("storage:\n");
        yaml.Append("  filesystem:\n");
        yaml.Append("    rootdirectory: ").Append(Quote(StorageDirectory(options))).Append('\n');
        yaml.Append("  delete:\n");
        yaml.Append("    enabled: true\n");
        yaml.Append("http:\n");
        yaml.Append("  addr: ").Append(Quote(options.RegistryAddress)).Append('\n');
        return yaml.ToString();
    }

    // Same text as JsonSerializer.Serialize(string), without the reflection-based serializer, whose metadata the agent
    // otherwise builds at start for two strings (docs/benchmarks.md, agent memory).
    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";
}
