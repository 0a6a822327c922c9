using Ursa.Api.Tenancy;
using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources.Strategies;

/// <summary>Tenants: DNS-1123 label names (not the reserved word <c>all</c>), phase Active on create.</summary>
public sealed class TenantStrategy : ResourceStrategy<Tenant>
{
    /// <summary>The word that means "every tenant" in list and watch paths.</summary>
    public const string AllTenants = "all";

    protected override void PrepareForCreate(Tenant tenant) =>
        tenant.Status = new TenantStatus { Phase = "Active" };

    protected override void PrepareForUpdate(Tenant tenant, Tenant old) =>
        tenant.Status ??= old.Status;

    protected override void Validate(Tenant tenant, FieldErrorList errors)
    {
        MetadataValidator.ValidateName(tenant.Metadata.Name, NameRules.CheckDns1123Label, errors);
        if (tenant.Metadata.Name == AllTenants)
        {
            errors.Invalid("metadata.name", AllTenants, "\"all\" is reserved: it means every tenant in list and watch paths");
        }
    }
}
