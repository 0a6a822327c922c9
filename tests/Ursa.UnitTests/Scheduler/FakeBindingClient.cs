using System.Collections.Concurrent;
using System.Net;
using Ursa.Api.Meta;
using Ursa.Client.Rest;

namespace Ursa.UnitTests.Scheduler;

/// <summary>
/// A client that records binds: single ones (pods/binding) and batches, with a gate that holds the next request
/// until released and a rule for each batch entry's answer. Everything else is not used by the binder.
/// </summary>
public sealed class FakeBindingClient : IApiClient, IPodBindingBatchClient
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeBindingClient(bool gated = false)
    {
        if (!gated)
        {
            _gate.SetResult();
        }
    }

    public ConcurrentQueue<string> Singles { get; } = new();

    public ConcurrentQueue<IReadOnlyList<PodBinding>> Batches { get; } = new();

    /// <summary>Answers each batch entry: null binds it; an exception refuses it.</summary>
    public Func<PodBinding, ApiStatusException?> Answer { get; set; } = _ => null;

    /// <summary>When true, the batch extension answers 404 (a server without it).</summary>
    public bool NoBatchEndpoint { get; set; }

    /// <summary>Requests seen (single or batch), so a test can wait for the first to be in flight.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<IReadOnlyList<ApiStatusException?>> BindPodsAsync(IReadOnlyList<PodBinding> bindings, CancellationToken cancellationToken)
    {
        FirstRequest.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        if (NoBatchEndpoint)
        {
            throw new ApiStatusException(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }

        Batches.Enqueue(bindings);
        return [.. bindings.Select(Answer)];
    }

    public async Task<string> PostSubresourceAsync(ResourceRef resource, string? tenant, string? ns, string name, string subresource, string json, CancellationToken cancellationToken)
    {
        FirstRequest.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        Singles.Enqueue(name);
        return "{}";
    }

    public Task<T> GetAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task<ObjectList<T>> ListAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task<T> CreateAsync<T>(ResourceRef resource, T obj, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task<T> UpdateAsync<T>(ResourceRef resource, T obj, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task<T> PatchAsync<T>(ResourceRef resource, string? tenant, string? ns, string name, PatchType type, string patch, string? subresource, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();

    public Task DeleteAsync(ResourceRef resource, string? tenant, string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<ObjectEvent<T>> WatchAsync<T>(ResourceRef resource, ListOptions options, CancellationToken cancellationToken)
        where T : KubeObject => throw new NotSupportedException();
}
