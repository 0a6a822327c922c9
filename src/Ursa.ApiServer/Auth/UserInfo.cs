namespace Ursa.ApiServer.Auth;

/// <summary>An authenticated caller. The tenant is part of the identity (Arktos).</summary>
public sealed record UserInfo(string Name, string Tenant, IReadOnlyList<string> Groups)
{
    /// <summary>The tenant that can see and manage every tenant.</summary>
    public const string SystemTenant = "system";

    public bool IsSystem => Tenant == SystemTenant;
}
