using Ursa.Api.Apps;
using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Deployments: Kubernetes' defaults (RollingUpdate 25%/25%, 10 revisions, 600 s deadline).</summary>
public sealed class DeploymentRules : ResourceStrategy<Deployment>
{
    protected override void PrepareForCreate(Deployment d)
    {
        d.Status = new DeploymentStatus();
        Default(d);
    }

    protected override void PrepareForUpdate(Deployment d, Deployment old) => Default(d);

    protected override void Validate(Deployment d, FieldErrorList errors)
    {
        MetadataValidator.ValidateName(d.Metadata.Name, NameRules.CheckDns1123Subdomain, errors);
        WorkloadValidation.NonNegative(d.Spec?.Replicas, "spec.replicas", errors);
        WorkloadValidation.ValidateTemplate(d.Spec?.Selector, d.Spec?.Template, errors);
        if (d.Spec?.Strategy is { } strategy)
        {
            if (strategy.Type is not ("RollingUpdate" or "Recreate"))
            {
                errors.NotSupported("spec.strategy.type", strategy.Type, ["Recreate", "RollingUpdate"]);
            }

            if (strategy.Type == "Recreate" && strategy.RollingUpdate is not null)
            {
                errors.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
            }

            if (strategy.RollingUpdate is { } ru)
            {
                ValidateBound(ru.MaxSurge, "spec.strategy.rollingUpdate.maxSurge", errors);
                ValidateBound(ru.MaxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errors);
                if (ru.MaxSurge is { } s && ru.MaxUnavailable is { } u && s.ScaledValue(100, true) == 0 && u.ScaledValue(100, false) == 0)
                {
                    errors.Invalid("spec.strategy.rollingUpdate.maxUnavailable", u.ToString(), "may not be 0 when `maxSurge` is 0");
                }
            }
        }
    }

    private static void ValidateBound(IntOrString? value, string field, FieldErrorList errors)
    {
        if (value is not { } v)
        {
            return;
        }

        try
        {
            if (v.ScaledValue(100, true) < 0)
            {
                errors.Invalid(field, v.ToString(), "must be greater than or equal to 0");
            }
        }
        catch (FormatException e)
        {
            errors.Invalid(field, v.ToString(), e.Message);
        }
    }

    private static void Default(Deployment d)
    {
        d.Spec ??= new DeploymentSpec();
        d.Spec.Replicas ??= 1;
        d.Spec.RevisionHistoryLimit ??= 10;
        d.Spec.ProgressDeadlineSeconds ??= 600;
        d.Spec.Strategy ??= new DeploymentStrategy();
        d.Spec.Strategy.Type ??= "RollingUpdate";
        if (d.Spec.Strategy.Type == "RollingUpdate")
        {
            d.Spec.Strategy.RollingUpdate ??= new RollingUpdateDeployment();
            d.Spec.Strategy.RollingUpdate.MaxSurge ??= IntOrString.FromString("25%");
            d.Spec.Strategy.RollingUpdate.MaxUnavailable ??= IntOrString.FromString("25%");
        }

        if (d.Spec.Template?.Spec is { } spec)
        {
            PodStrategy.ApplyDefaults(spec);
        }
    }
}
