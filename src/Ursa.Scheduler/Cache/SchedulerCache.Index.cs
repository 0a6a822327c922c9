using System.Text;
using System.Text.Json;
using Ursa.Api.Serialization;
using Ursa.Scheduler.Framework;

namespace Ursa.Scheduler.Cache;

public sealed partial class SchedulerCache
{
    /// <summary>Decisions between sweeps of idle counters, and how many decisions a counter may sit unused.</summary>
    private const int SweepEvery = 1024;
    private const int IdleDecisions = 16 * 1024;

    private readonly Dictionary<string, PodCounter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PodCounter>> _countersByTenant = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, AffinityGroup>> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>?>> _namespaces = new(StringComparer.Ordinal);
    private ClusterView? _view;
    private long _decisions;

    /// <summary>Counters registered (for tests and diagnostics).</summary>
    public int CounterCount
    {
        get
        {
            lock (_lock)
            {
                return _counters.Count;
            }
        }
    }

    /// <summary>Records a namespace's labels (for namespaceSelector); returns true when they changed.</summary>
    public bool UpsertNamespace(Namespace ns)
    {
        var tenant = ns.Metadata.Tenant ?? string.Empty;
        var labels = ns.Metadata.Labels;
        lock (_lock)
        {
            if (!_namespaces.TryGetValue(tenant, out var names))
            {
                _namespaces[tenant] = names = new(StringComparer.Ordinal);
            }

            var changed = !names.TryGetValue(ns.Metadata.Name!, out var old) || !SameLabels(old, labels);
            names[ns.Metadata.Name!] = labels;
            return changed;
        }
    }

    public void RemoveNamespace(Namespace ns)
    {
        lock (_lock)
        {
            if (_namespaces.TryGetValue(ns.Metadata.Tenant ?? string.Empty, out var names))
            {
                names.Remove(ns.Metadata.Name!);
            }
        }
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y) =>
        (x?.Count ?? 0) == (y?.Count ?? 0) && (x ?? new Dictionary<string, string>()).All(kv => y is not null && y.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Adds (+1) or removes (-1) a pod in the counters of its tenant and in its affinity group.</summary>
    private void Index(PodEntry entry, int sign)
    {
        if (entry.Group is { } group)
        {
            if (sign > 0)
            {
                group.Add(entry.Node);
            }
            else
            {
                group.Remove(entry.Node);
                if (group.Pods == 0 && _groups.TryGetValue(group.Tenant, out var groups))
                {
                    groups.Remove(group.Key);
                }
            }
        }

        // The common case, no pod of the tenant uses affinity or spread: one lookup.
        if (_countersByTenant.Count == 0 || !_countersByTenant.TryGetValue(entry.Request.Pod.Metadata.Tenant ?? string.Empty, out var counters))
        {
            return;
        }

        foreach (var counter in counters)
        {
            if (counter.Query.Matches(entry.Request.Pod))
            {
                if (sign > 0)
                {
                    counter.Add(entry.Node);
                }
                else
                {
                    counter.Remove(entry.Node);
                }
            }
        }
    }

    /// <summary>The group of pods sharing this pod's inter-pod affinity terms; null for a pod without any.</summary>
    private AffinityGroup? GroupFor(Pod pod)
    {
        if (!PodAffinityTerms.HasTerms(pod))
        {
            return null;
        }

        var tenant = pod.Metadata.Tenant ?? string.Empty;
        var key = GroupKey(pod);
        if (!_groups.TryGetValue(tenant, out var groups))
        {
            _groups[tenant] = groups = new(StringComparer.Ordinal);
        }

        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new AffinityGroup(key, tenant, PodAffinityTerms.Of(pod)!);
        }

        return group;
    }

    /// <summary>Pods with equal terms in one namespace share a group (labels too, when terms read the pod's labels).</summary>
    private static string GroupKey(Pod pod)
    {
        var affinity = pod.Spec!.Affinity!;
        var key = new StringBuilder(pod.Metadata.Namespace).Append('\n');
        key.Append(affinity.PodAffinity is null ? "-" : JsonSerializer.Serialize(affinity.PodAffinity, UrsaJsonContext.Default.PodAffinity)).Append('\n');
        key.Append(affinity.PodAntiAffinity is null ? "-" : JsonSerializer.Serialize(affinity.PodAntiAffinity, UrsaJsonContext.Default.PodAffinity));
        var json = key.ToString();
        if (json.Contains("atchLabelKeys", StringComparison.Ordinal))
        {
            foreach (var (name, value) in (pod.Metadata.Labels ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                key.Append('\n').Append(name).Append('=').Append(value);
            }
        }

        return key.ToString();
    }

    private PodCounter Counter(PodQuery query)
    {
        if (_counters.TryGetValue(query.Key, out var counter))
        {
            counter.LastUsed = _decisions;
            return counter;
        }

        // First use: count once over the pods we know; from here on Index keeps it current.
        counter = new PodCounter(query) { LastUsed = _decisions };
        foreach (var entry in _pods.Values)
        {
            if (query.Matches(entry.Request.Pod))
            {
                counter.Add(entry.Node);
            }
        }

        _counters[query.Key] = counter;
        if (!_countersByTenant.TryGetValue(query.Tenant, out var list))
        {
            _countersByTenant[query.Tenant] = list = [];
        }

        list.Add(counter);
        return counter;
    }

    /// <summary>Counts the decision; now and then drops counters no pending pod has asked for in a long while.</summary>
    private void BeginDecision()
    {
        if (++_decisions % SweepEvery != 0 || _counters.Count == 0)
        {
            return;
        }

        foreach (var idle in _counters.Values.Where(c => _decisions - c.LastUsed > IdleDecisions).ToList())
        {
            _counters.Remove(idle.Query.Key);
            var list = _countersByTenant[idle.Query.Tenant];
            list.Remove(idle);
            if (list.Count == 0)
            {
                _countersByTenant.Remove(idle.Query.Tenant);
            }
        }
    }
}
