using Ursa.Api.Tenancy;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Hosting;

/// <summary>
/// Makes sure the system tenant exists and every tenant has its default namespaces (default, kube-system,
/// kube-public, plus kube-node-lease for node heartbeats in the system tenant). Idempotent: run at start and
/// after a tenant is created.
/// </summary>
public sealed class TenantBootstrap(ObjectRegistry registry)
{
    public static readonly string[] DefaultNamespaces = ["default", "kube-system", "kube-public"];

    public async Task EnsureSystemTenantAsync(CancellationToken cancellationToken)
    {
        var tenants = registry.Catalog.Get(string.Empty, "tenants");
        await CreateIfMissingAsync(tenants, null, new Tenant { Metadata = new ObjectMeta { Name = Auth.UserInfo.SystemTenant } }, cancellationToken).ConfigureAwait(false);
        var page = await registry.Store.ListAsync(tenants.KeyPrefix, Ursa.Storage.StoreListOptions.All, cancellationToken).ConfigureAwait(false);
        foreach (var entry in page.Entries)
        {
            var tenant = ObjectCodec.Decode(tenants, entry.Value.Span);
            if (tenant.Metadata.DeletionTimestamp is null)
            {
                await EnsureNamespacesAsync(tenant.Metadata.Name!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task EnsureNamespacesAsync(string tenant, CancellationToken cancellationToken)
    {
        var namespaces = registry.Catalog.Get(string.Empty, "namespaces");
        var names = tenant == Auth.UserInfo.SystemTenant ? [.. DefaultNamespaces, "kube-node-lease"] : DefaultNamespaces;
        foreach (var name in names)
        {
            await CreateIfMissingAsync(namespaces, tenant, new Namespace { Metadata = new ObjectMeta { Name = name } }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CreateIfMissingAsync(ResourceDefinition resource, string? tenant, KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await registry.CreateAsync(resource, tenant, null, obj, dryRun: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Reason == "AlreadyExists")
        {
        }
    }
}
