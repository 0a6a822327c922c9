namespace Ursa.ApiMachinery.Protobuf;

/// <summary>
/// The protobuf schema table for the built-in kinds this server accepts as protobuf: field numbers, names and types
/// from the upstream <c>generated.proto</c> files (k8s.io/api core, apps, batch, coordination, rbac, scheduling; k8s.io/apimachinery
/// meta, resource, intstr). Message names are the upstream names without their package; none of the included
/// packages repeat a name. Fields left out are skipped when decoding.
/// </summary>
internal static partial class KubernetesSchema
{
    private static readonly Dictionary<string, MessageSchema> Messages = Build();

    /// <summary>apiVersion/kind (from the envelope's TypeMeta) to root message.</summary>
    private static readonly Dictionary<(string ApiVersion, string Kind), string> Kinds = new()
    {
        [("v1", "Namespace")] = "Namespace",
        [("v1", "Pod")] = "Pod",
        [("v1", "Node")] = "Node",
        [("v1", "Event")] = "Event",
        [("v1", "Binding")] = "Binding",
        [("v1", "ConfigMap")] = "ConfigMap",
        [("v1", "Secret")] = "Secret",
        [("v1", "ServiceAccount")] = "ServiceAccount",
        [("v1", "Service")] = "Service",
        [("apps/v1", "Deployment")] = "Deployment",
        [("apps/v1", "ReplicaSet")] = "ReplicaSet",
        [("batch/v1", "Job")] = "Job",
        [("batch/v1", "CronJob")] = "CronJob",
        [("v1", "ResourceQuota")] = "ResourceQuota",
        [("coordination.k8s.io/v1", "Lease")] = "Lease",
        [("rbac.authorization.k8s.io/v1", "Role")] = "Role",
        [("rbac.authorization.k8s.io/v1", "ClusterRole")] = "ClusterRole",
        [("rbac.authorization.k8s.io/v1", "RoleBinding")] = "RoleBinding",

        // ClusterRoleBinding has RoleBinding's fields and numbers.
        [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = "RoleBinding",
        [("scheduling.k8s.io/v1", "PriorityClass")] = "PriorityClass",
    };

    public static IEnumerable<MessageSchema> All => Messages.Values;

    public static MessageSchema Message(string name) =>
        Messages.TryGetValue(name, out MessageSchema? schema)
            ? schema
            : throw new InvalidOperationException($"protobuf schema table has no message '{name}'");

    /// <summary>The root message of an object of <paramref name="apiVersion"/>/<paramref name="kind"/>, if known.</summary>
    public static MessageSchema? Root(string apiVersion, string kind)
    {
        // DeleteOptions is sent with the apiVersion of the group being deleted from (or meta.k8s.io/v1).
        if (kind == "DeleteOptions")
        {
            return Messages["DeleteOptions"];
        }

        return Kinds.TryGetValue((apiVersion, kind), out string? name) ? Messages[name] : null;
    }

    private static Dictionary<string, MessageSchema> Build()
    {
        var messages = new Dictionary<string, MessageSchema>(StringComparer.Ordinal);
        foreach (MessageSchema schema in MetaMessages()
                     .Concat(CoreObjectMessages())
                     .Concat(PodMessages())
                     .Concat(ContainerMessages())
                     .Concat(VolumeMessages())
                     .Concat(AppsMessages())
                     .Concat(BatchMessages())
                     .Concat(CoordinationMessages())
                     .Concat(RbacAndQuotaMessages()))
        {
            messages.Add(schema.Name, schema);
        }

        // A typo in a message reference would otherwise surface only when such a field arrives on the wire.
        foreach (MessageSchema schema in messages.Values)
        {
            foreach (ProtoField field in schema)
            {
                if (field.MessageName is { } name && !messages.ContainsKey(name))
                {
                    throw new InvalidOperationException($"protobuf schema {schema.Name}.{field.JsonName} refers to unknown message '{name}'");
                }
            }
        }

        return messages;
    }
}
