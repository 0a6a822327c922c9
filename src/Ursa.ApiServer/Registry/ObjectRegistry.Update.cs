using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Resources;
using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Registry;

public sealed partial class ObjectRegistry
{
    /// <summary>
    /// Combines the stored object and the desired one: server-owned metadata is kept; the main resource cannot
    /// change status and the status subresource can change only status (Kubernetes' status strategy).
    /// </summary>
    private KubeObject MergeForUpdate(ResourceDefinition resource, KubeObject current, KubeObject desired, string? subresource)
    {
        var name = current.Metadata.Name!;
        if (desired.Metadata.Name is { Length: > 0 } desiredName && desiredName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({desiredName}) does not match the name on the URL ({name})");
        }

        if (desired.Metadata.ResourceVersion is { Length: > 0 } rv && rv != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.StaleResourceVersion(resource, name);
        }

        if (desired.Metadata.Uid is { Length: > 0 } uid && uid != current.Metadata.Uid)
        {
            throw ApiErrors.Conflict(resource, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Metadata.Uid}");
        }

        KubeObject updated;
        if (subresource is "binding" or "finalize")
        {
            // A server-side mutation of the stored object (pods/binding, namespaces/finalize): taken as it is.
            updated = desired;
        }
        else if (subresource == "status")
        {
            // current was decoded for this attempt alone, so it can be changed in place (no clone).
            updated = current;
            SetStatus(updated, GetStatus(desired));
        }
        else
        {
            updated = desired;
            if (resource.HasStatus)
            {
                SetStatus(updated, GetStatus(current));
            }

            var meta = updated.Metadata;
            var old = current.Metadata;
            meta.Name = old.Name;
            meta.GenerateName = old.GenerateName;
            meta.Tenant = old.Tenant;
            meta.Namespace = old.Namespace;
            meta.Uid = old.Uid;
            meta.HashKey = old.HashKey;
            meta.CreationTimestamp = old.CreationTimestamp;
            meta.DeletionTimestamp = old.DeletionTimestamp;
            meta.DeletionGracePeriodSeconds = old.DeletionGracePeriodSeconds;
            meta.Generation = old.Generation;
            meta.SelfLink = null;
            resource.Strategy.PrepareForUpdate(updated, current);
            if (SpecChanged(resource, current, updated))
            {
                meta.Generation = (old.Generation ?? 0) + 1;
            }
        }

        updated.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
        if (subresource == "status")
        {
            // Only status changed: its rules alone, as Kubernetes' status strategies. Spec and metadata are the
            // stored object's, so re-validating them (a whole pod) cannot change the outcome of this write.
            ValidateStatus(resource, updated, current);
        }
        else if (subresource != "binding")
        {
            // A bind sets spec.nodeName and one condition on an object that was valid when stored; Kubernetes'
            // BindingREST does not re-validate the pod either (a full pod validation is ~10% of a bind's CPU).
            Validate(resource, updated, current);
        }

        return updated;
    }

    private static void ValidateStatus(ResourceDefinition resource, KubeObject obj, KubeObject old)
    {
        var errors = new FieldErrorList();
        resource.Strategy.ValidateStatusUpdate(obj, old, errors);
        if (!errors.IsEmpty)
        {
            throw ApiErrors.Invalid(resource, obj.Metadata.Name ?? string.Empty, errors.Causes);
        }
    }

    private static object? GetStatus(KubeObject obj) => obj.GetType().GetProperty("Status")?.GetValue(obj);

    private static void SetStatus(KubeObject obj, object? status) => obj.GetType().GetProperty("Status")?.SetValue(obj, status);

    /// <summary>Everything but metadata and status counts as spec (Kubernetes bumps generation on spec changes).</summary>
    private static bool SpecChanged(ResourceDefinition resource, KubeObject before, KubeObject after)
    {
        static JsonNode? Desired(ResourceDefinition r, KubeObject o)
        {
            var node = JsonSerializer.SerializeToNode(o, r.TypeInfo)!.AsObject();
            node.Remove("metadata");
            node.Remove("status");
            node.Remove("apiVersion");
            node.Remove("kind");
            return node;
        }

        return !JsonNode.DeepEquals(Desired(resource, before), Desired(resource, after));
    }
}
