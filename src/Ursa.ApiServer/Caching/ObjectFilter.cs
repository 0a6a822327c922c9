using Ursa.ApiMachinery.Selectors;
using Ursa.ApiServer.Resources;
using LabelQuery = Ursa.ApiMachinery.Selectors.LabelSelector;

namespace Ursa.ApiServer.Caching;

/// <summary>What a list or watch wants: a tenant (null = every tenant), a namespace (null = all), selectors.</summary>
public sealed class ObjectFilter(ResourceDefinition resource, string? tenant, string? ns, LabelQuery labels, FieldSelector fields)
{
    private readonly Dictionary<string, int> _fieldIndex = resource.SelectableFields.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);

    public string? Tenant { get; } = tenant;

    public string? Namespace { get; } = ns;

    public LabelQuery Labels { get; } = labels;

    public FieldSelector Fields { get; } = fields;

    public bool Matches(CachedObject obj)
    {
        if (Tenant is not null && obj.Tenant is not null && obj.Tenant != Tenant)
        {
            return false;
        }

        if (Namespace is not null && obj.Namespace != Namespace)
        {
            return false;
        }

        return (Labels.IsEmpty || Labels.Matches(obj.Labels)) && (Fields.IsEmpty || Fields.Matches(field => FieldValue(obj, field)));
    }

    private string? FieldValue(CachedObject obj, string field) => field switch
    {
        "metadata.name" => obj.Name,
        "metadata.namespace" => obj.Namespace ?? string.Empty,
        "metadata.tenant" => obj.Tenant ?? string.Empty,
        _ => _fieldIndex.TryGetValue(field, out var i) ? obj.Fields[i] : null,
    };
}
