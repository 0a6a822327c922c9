namespace Ursa.NodeAgent.Runtimes;

/// <summary>
/// Parses the Arktos-style runtime list <c>name,workloadType,endpoint;name,workloadType,endpoint</c> and the
/// primary runtime's name. Pure; every error names the offending entry.
/// </summary>
public static class RuntimeSpecParser
{
    /// <summary>Parses <paramref name="runtimes"/>; the primary is <paramref name="primary"/>, or the only runtime,
    /// or else the container runtime.</summary>
    /// <exception cref="FormatException">The list is malformed, names repeat, a workload type has two runtimes, or the
    /// primary is not in the list.</exception>
    public static IReadOnlyList<RuntimeEndpointSpec> Parse(string runtimes, string? primary)
    {
        ArgumentNullException.ThrowIfNull(runtimes);
        var entries = new List<(string Name, WorkloadType Type, string Endpoint)>();
        foreach (var raw in runtimes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            {
                throw new FormatException($"runtime entry '{raw}' must be 'name,workloadType,endpoint'");
            }

            var type = parts[1].ToLowerInvariant() switch
            {
                "container" => WorkloadType.Container,
                "vm" => WorkloadType.Vm,
                _ => throw new FormatException($"runtime entry '{raw}': workloadType must be 'container' or 'vm', not '{parts[1]}'"),
            };
            if (entries.Any(e => e.Name == parts[0]))
            {
                throw new FormatException($"runtime name '{parts[0]}' appears twice");
            }

            if (entries.Any(e => e.Type == type))
            {
                throw new FormatException($"runtime entry '{raw}': workload type '{parts[1]}' already served by '{entries.First(e => e.Type == type).Name}'; one runtime per workload type");
            }

            entries.Add((parts[0], type, parts[2]));
        }

        if (entries.Count == 0)
        {
            throw new FormatException("no runtimes given: expected 'name,workloadType,endpoint;...'");
        }

        var primaryName = primary is { Length: > 0 } p ? p
            : entries.Count == 1 ? entries[0].Name
            : entries.FirstOrDefault(e => e.Type == WorkloadType.Container).Name ?? entries[0].Name;
        if (entries.All(e => e.Name != primaryName))
        {
            throw new FormatException($"primary runtime '{primaryName}' is not in the runtime list ({string.Join(", ", entries.Select(e => e.Name))})");
        }

        return [.. entries.Select(e => new RuntimeEndpointSpec(e.Name, e.Type, e.Endpoint, e.Name == primaryName))];
    }
}
