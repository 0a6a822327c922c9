namespace Ursa.ApiServer.Validation;

/// <summary>Checks of metadata common to every kind.</summary>
public static class MetadataValidator
{
    /// <summary>Total size limit of all annotations, as in Kubernetes (256 KiB).</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>Validates labels, annotations, finalizers and owner references.</summary>
    public static void Validate(ObjectMeta meta, FieldErrorList errors)
    {
        if (meta.Labels is { } labels)
        {
            foreach (var (key, value) in labels)
            {
                if (NameRules.CheckQualifiedName(key) is { } keyError)
                {
                    errors.Invalid("metadata.labels", key, keyError);
                }

                if (NameRules.CheckLabelValue(value) is { } valueError)
                {
                    errors.Invalid($"metadata.labels", value, valueError);
                }
            }
        }

        if (meta.Annotations is { } annotations)
        {
            var total = 0;
            foreach (var (key, value) in annotations)
            {
                if (NameRules.CheckQualifiedName(key.ToLowerInvariant()) is { } keyError)
                {
                    errors.Invalid("metadata.annotations", key, keyError);
                }

                total += key.Length + value.Length;
            }

            if (total > TotalAnnotationSizeLimit)
            {
                errors.TooLong("metadata.annotations", TotalAnnotationSizeLimit);
            }
        }

        if (meta.Finalizers is { } finalizers)
        {
            for (var i = 0; i < finalizers.Count; i++)
            {
                if (NameRules.CheckQualifiedName(finalizers[i]) is { } error)
                {
                    errors.Invalid($"metadata.finalizers[{i}]", finalizers[i], error);
                }
            }
        }

        if (meta.OwnerReferences is { } owners)
        {
            for (var i = 0; i < owners.Count; i++)
            {
                var owner = owners[i];
                if (string.IsNullOrEmpty(owner.ApiVersion)) errors.Required($"metadata.ownerReferences[{i}].apiVersion");
                if (string.IsNullOrEmpty(owner.Kind)) errors.Required($"metadata.ownerReferences[{i}].kind");
                if (string.IsNullOrEmpty(owner.Name)) errors.Required($"metadata.ownerReferences[{i}].name");
                if (string.IsNullOrEmpty(owner.Uid)) errors.Required($"metadata.ownerReferences[{i}].uid");
            }

            if (owners.Count(o => o.Controller == true) > 1)
            {
                errors.Invalid("metadata.ownerReferences", null, "Only one reference can have Controller set to true");
            }
        }
    }

    /// <summary>Validates a name against a format check, e.g. <see cref="NameRules.CheckDns1123Subdomain"/>.</summary>
    public static void ValidateName(string? name, Func<string, string?> format, FieldErrorList errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Required("metadata.name", "name or generateName is required");
            return;
        }

        if (format(name) is { } error)
        {
            errors.Invalid("metadata.name", name, error);
        }
    }
}
