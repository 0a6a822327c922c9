using Microsoft.AspNetCore.Http;
using Ursa.ApiServer.Auth;
using Ursa.ApiServer.Requests;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Http;

/// <summary>A resource request after routing, authentication and tenant resolution.</summary>
public sealed class ApiRequest
{
    public required HttpContext Http { get; init; }

    public required RequestInfo Info { get; init; }

    public required UserInfo User { get; init; }

    public required ResourceDefinition Resource { get; init; }

    /// <summary>The tenant addressed; null for cluster-scoped kinds and for lists over every tenant.</summary>
    public required string? Tenant { get; init; }

    public string? Namespace => Info.Namespace;

    public string? Name => Info.Name;

    public CancellationToken Aborted => Http.RequestAborted;

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    public bool QueryFlag(string name) => Query(name) is "true" or "1";

    public bool DryRun => Query("dryRun") == "All";
}
