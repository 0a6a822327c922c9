using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Requests;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Auth;

/// <summary>
/// The tenancy rule at the core of authorization (Arktos): a caller outside the system tenant reaches only its
/// own tenant's objects; cluster-scoped objects (nodes, tenants) are read-only to it, and of tenants it sees
/// only its own.
/// </summary>
public static class TenantAuthorizer
{
    public static void Authorize(UserInfo user, RequestInfo request, ResourceDefinition resource, string? tenant)
    {
        if (user.IsSystem)
        {
            return;
        }

        var verb = request.Verb.ToString().ToLowerInvariant();
        if (resource.Scope == ResourceScope.Cluster)
        {
            var isRead = request.Verb is RequestVerb.Get or RequestVerb.List or RequestVerb.Watch;
            if (resource.Plural == "tenants")
            {
                if (request.Verb == RequestVerb.Get && request.Name == user.Tenant)
                {
                    return;
                }

                throw ApiErrors.Forbidden(user.Name, verb, resource, user.Tenant, "only the system tenant manages tenants");
            }

            if (!isRead)
            {
                throw ApiErrors.Forbidden(user.Name, verb, resource, user.Tenant, "cluster-scoped objects are managed by the system tenant");
            }

            return;
        }

        if (tenant != user.Tenant)
        {
            throw ApiErrors.Forbidden(user.Name, verb, resource, tenant, $"user belongs to tenant \"{user.Tenant}\"");
        }
    }
}
