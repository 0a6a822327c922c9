using Ursa.Api.Apps;
using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>ReplicaSets of container or VM pods.</summary>
public sealed class ReplicaSetStrategy : ResourceStrategy<ReplicaSet>
{
    protected override void PrepareForCreate(ReplicaSet rs)
    {
        rs.Status = new ReplicaSetStatus { Replicas = 0 };
        Default(rs);
    }

    protected override void PrepareForUpdate(ReplicaSet rs, ReplicaSet old) => Default(rs);

    protected override void Validate(ReplicaSet rs, FieldErrorList errors)
    {
        MetadataValidator.ValidateName(rs.Metadata.Name, NameRules.CheckDns1123Subdomain, errors);
        WorkloadValidation.NonNegative(rs.Spec?.Replicas, "spec.replicas", errors);
        WorkloadValidation.ValidateTemplate(rs.Spec?.Selector, rs.Spec?.Template, errors);
    }

    private static void Default(ReplicaSet rs)
    {
        rs.Spec ??= new ReplicaSetSpec();
        rs.Spec.Replicas ??= 1;
        if (rs.Spec.Template?.Spec is { } spec)
        {
            PodStrategy.ApplyDefaults(spec);
        }
    }
}
