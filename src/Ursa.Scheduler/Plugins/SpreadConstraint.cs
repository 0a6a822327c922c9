namespace Ursa.Scheduler.Plugins;

/// <summary>One topology spread constraint of the pod being scheduled, with the matching pods per eligible domain.</summary>
public sealed class SpreadConstraint(TopologySpreadConstraint spec, IReadOnlyDictionary<string, int> perNode, bool selfMatch)
{
    private readonly Dictionary<string, int> _domains = new(StringComparer.Ordinal);

    public string Key { get; } = spec.TopologyKey ?? string.Empty;

    public int MaxSkew { get; } = Math.Max(1, spec.MaxSkew ?? 1);

    public int? MinDomains { get; } = spec.MinDomains;

    /// <summary>DoNotSchedule (a filter); ScheduleAnyway is a score.</summary>
    public bool Hard { get; } = spec.WhenUnsatisfiable != "ScheduleAnyway";

    public bool HonorNodeAffinity { get; } = spec.NodeAffinityPolicy != "Ignore";

    public bool HonorTaints { get; } = spec.NodeTaintsPolicy == "Honor";

    /// <summary>Whether the incoming pod matches the selector itself (it adds 1 to the domain it lands in).</summary>
    public int SelfMatch { get; } = selfMatch ? 1 : 0;

    /// <summary>Node name → matching pods, from the cache's counter.</summary>
    public IReadOnlyDictionary<string, int> PerNode => perNode;

    /// <summary>Eligible domain → matching pods.</summary>
    public IReadOnlyDictionary<string, int> Domains => _domains;

    /// <summary>The least loaded eligible domain's count; 0 while fewer than minDomains domains exist.</summary>
    public int GlobalMinimum => _domains.Count == 0 || (MinDomains is { } min && _domains.Count < min) ? 0 : _domains.Values.Min();

    public void AddDomain(string domain, int pods) => _domains[domain] = _domains.GetValueOrDefault(domain) + pods;
}
