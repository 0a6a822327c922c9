using System.Text.Json.Serialization;
using Ursa.Api.Schema;

namespace Ursa.Api.Meta;

/// <summary>Standard object metadata: identity, versioning, labels and ownership. Ursa adds tenant and hashKey.</summary>
public sealed class ObjectMeta
{
    /// <summary>Name, unique within a namespace (or the tenant, for cluster-scoped kinds). DNS-1123 subdomain.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Prefix the server uses to generate a unique name when name is empty.</summary>
    [JsonPropertyName("generateName")]
    public string? GenerateName { get; set; }

    /// <summary>Tenant that owns the object. Set by the server from the request path or the caller's identity.</summary>
    [JsonPropertyName("tenant")]
    public string? Tenant { get; set; }

    /// <summary>Namespace of the object; empty for cluster- and tenant-scoped kinds.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; set; }

    /// <summary>Unique id assigned by the server at creation; never reused.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>Stable hash of the uid, used to split work among range-partitioned controllers. Read-only.</summary>
    [JsonPropertyName("hashKey")]
    public long? HashKey { get; set; }

    /// <summary>Opaque version of the object; changes on every write. Used for optimistic concurrency and watches.</summary>
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; set; }

    /// <summary>Sequence number of changes to the desired state (spec). Read-only.</summary>
    [JsonPropertyName("generation")]
    public long? Generation { get; set; }

    /// <summary>Time the object was created. Read-only.</summary>
    [JsonPropertyName("creationTimestamp")]
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>Time after which the object will be deleted, set when deletion is requested. Read-only.</summary>
    [JsonPropertyName("deletionTimestamp")]
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>Seconds allowed for graceful termination before the object is removed.</summary>
    [JsonPropertyName("deletionGracePeriodSeconds")]
    public long? DeletionGracePeriodSeconds { get; set; }

    /// <summary>Key/value pairs used to organize and select objects.</summary>
    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Key/value pairs holding arbitrary non-identifying metadata.</summary>
    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Objects this object depends on; when all owners are gone it is garbage collected.</summary>
    [PatchMergeKey("uid")]
    [PatchStrategy("merge")]
    [JsonPropertyName("ownerReferences")]
    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>Conditions that must be cleared before the object is removed from storage.</summary>
    [PatchStrategy("merge")]
    [JsonPropertyName("finalizers")]
    public List<string>? Finalizers { get; set; }

    /// <summary>Which field manager owns which fields. Kept and returned unchanged.</summary>
    [JsonPropertyName("managedFields")]
    public List<ManagedFieldsEntry>? ManagedFields { get; set; }

    /// <summary>Deprecated; never set.</summary>
    [JsonPropertyName("selfLink")]
    public string? SelfLink { get; set; }
}
