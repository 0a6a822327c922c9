using Ursa.ApiMachinery.Quantities;

namespace Ursa.Scheduler.Framework;

/// <summary>
/// Amounts of node resources in integer units the hot path can add and compare without parsing: CPU in
/// millicores, memory and storage in bytes, pods and extended resources as counts. One representation for
/// container pods and VM pods alike.
/// </summary>
public sealed class ResourceVector
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Pods = "pods";
    public const string EphemeralStorage = "ephemeral-storage";

    public long MilliCpu { get; set; }

    public long MemoryBytes { get; set; }

    public long PodCount { get; set; }

    public long EphemeralStorageBytes { get; set; }

    /// <summary>Extended resources (e.g. <c>devices.ursa.io/gpu</c>), by name.</summary>
    public Dictionary<string, long> Scalars { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses a resource list (<c>{"cpu":"500m","memory":"1Gi"}</c>); invalid quantities count as 0.</summary>
    public static ResourceVector From(IReadOnlyDictionary<string, string>? list)
    {
        var vector = new ResourceVector();
        vector.AddList(list);
        return vector;
    }

    public void AddList(IReadOnlyDictionary<string, string>? list)
    {
        if (list is null)
        {
            return;
        }

        foreach (var (name, text) in list)
        {
            if (!Quantity.TryParse(text, out var quantity))
            {
                continue;
            }

            switch (name)
            {
                case Cpu: MilliCpu += quantity.MilliValue; break;
                case Memory: MemoryBytes += quantity.Value; break;
                case Pods: PodCount += quantity.Value; break;
                case EphemeralStorage: EphemeralStorageBytes += quantity.Value; break;
                default: Scalars[name] = Scalars.GetValueOrDefault(name) + quantity.Value; break;
            }
        }
    }

    public void Add(ResourceVector other, int sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        MemoryBytes += sign * other.MemoryBytes;
        PodCount += sign * other.PodCount;
        EphemeralStorageBytes += sign * other.EphemeralStorageBytes;
        foreach (var (name, value) in other.Scalars)
        {
            Scalars[name] = Scalars.GetValueOrDefault(name) + (sign * value);
        }
    }

    /// <summary>Element-wise maximum (init containers run one at a time, before the others).</summary>
    public void MaxWith(ResourceVector other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        MemoryBytes = Math.Max(MemoryBytes, other.MemoryBytes);
        EphemeralStorageBytes = Math.Max(EphemeralStorageBytes, other.EphemeralStorageBytes);
        foreach (var (name, value) in other.Scalars)
        {
            Scalars[name] = Math.Max(Scalars.GetValueOrDefault(name), value);
        }
    }

    /// <summary>
    /// The first resource (pods, cpu, memory, ephemeral-storage, then extended ones) for which <c>used + this</c>
    /// exceeds <paramref name="allocatable"/>; null when the request fits. Allocation-free: it runs for every node
    /// a pod is tried on.
    /// </summary>
    public string? FirstInsufficient(ResourceVector used, ResourceVector allocatable)
    {
        if (PodCount > 0 && used.PodCount + PodCount > allocatable.PodCount) return Pods;
        if (MilliCpu > 0 && used.MilliCpu + MilliCpu > allocatable.MilliCpu) return Cpu;
        if (MemoryBytes > 0 && used.MemoryBytes + MemoryBytes > allocatable.MemoryBytes) return Memory;
        if (EphemeralStorageBytes > 0 && used.EphemeralStorageBytes + EphemeralStorageBytes > allocatable.EphemeralStorageBytes) return EphemeralStorage;
        if (Scalars.Count == 0)
        {
            return null;
        }

        foreach (var (name, value) in Scalars)
        {
            if (value > 0 && used.Scalars.GetValueOrDefault(name) + value > allocatable.Scalars.GetValueOrDefault(name))
            {
                return name;
            }
        }

        return null;
    }

    public ResourceVector Clone()
    {
        var copy = new ResourceVector { MilliCpu = MilliCpu, MemoryBytes = MemoryBytes, PodCount = PodCount, EphemeralStorageBytes = EphemeralStorageBytes };
        foreach (var (name, value) in Scalars)
        {
            copy.Scalars[name] = value;
        }

        return copy;
    }
}
