using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Rules shared by ReplicaSet, Deployment and Job: selector, template, replica counts.</summary>
public static class WorkloadValidation
{
    private static readonly PodStrategy PodRules = new();

    /// <summary>Checks that the selector is set and matches the template's labels, and validates the template's pod spec.</summary>
    public static void ValidateTemplate(LabelSelector? selector, Api.Apps.PodTemplateSpec? template, FieldErrorList errors, bool selectorRequired = true)
    {
        if (selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0))
        {
            if (selectorRequired)
            {
                errors.Required("spec.selector");
            }
        }
        else if (selector.MatchLabels is { } matchLabels)
        {
            var labels = template?.Metadata?.Labels ?? [];
            if (matchLabels.Any(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value))
            {
                errors.Invalid("spec.template.metadata.labels", FormatLabels(labels), "`selector` does not match template `labels`");
            }
        }

        if (template?.Spec is null)
        {
            errors.Required("spec.template.spec");
            return;
        }

        var templateErrors = new FieldErrorList();
        var pod = new Pod { Metadata = new ObjectMeta { Name = "template" }, Spec = template.Spec };
        PodRules.Validate(pod, templateErrors);
        foreach (var cause in templateErrors.Causes)
        {
            errors.Add(cause.Reason ?? "FieldValueInvalid", "spec.template." + cause.Field, cause.Message ?? string.Empty);
        }
    }

    public static void NonNegative(int? value, string field, FieldErrorList errors)
    {
        if (value is < 0)
        {
            errors.Invalid(field, value, "must be greater than or equal to 0");
        }
    }

    private static string FormatLabels(Dictionary<string, string> labels) =>
        string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value}"));
}
