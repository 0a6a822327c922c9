namespace Ursa.Client.Rest;

/// <summary>
/// An optional capability of a client (discovered with <c>is</c>): binds many pods in one request through Ursa's
/// <c>/apis/scheduling.ursa.io/v1/bindings</c> extension. Each entry succeeds or fails on its own.
/// </summary>
public interface IPodBindingBatchClient
{
    /// <summary>
    /// Binds every entry; returns, in order, null for a pod bound and the error for one refused (409 already bound
    /// or being deleted, 404 gone, 403 another tenant's). Throws <see cref="ApiStatusException"/> when the request
    /// as a whole fails (404 from a server without the extension).
    /// </summary>
    Task<IReadOnlyList<ApiStatusException?>> BindPodsAsync(IReadOnlyList<PodBinding> bindings, CancellationToken cancellationToken);
}
