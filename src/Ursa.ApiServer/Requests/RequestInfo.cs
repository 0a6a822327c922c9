namespace Ursa.ApiServer.Requests;

/// <summary>What a request path addresses: a resource request or a non-resource path such as /version.</summary>
public sealed record RequestInfo
{
    /// <summary>True for /api/... and /apis/{group}/{version}/... object paths.</summary>
    public bool IsResourceRequest { get; init; }

    /// <summary>The path without any /tenants/{t} server prefix.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The tenant named by a server prefix (/tenants/{t}/...) or a tenant path segment; null if neither.</summary>
    public string? Tenant { get; init; }

    public RequestVerb Verb { get; init; }

    public string Group { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string? Namespace { get; init; }

    public string Resource { get; init; } = string.Empty;

    public string? Name { get; init; }

    public string? Subresource { get; init; }
}
