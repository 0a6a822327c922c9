using Ursa.Client.Informers;
using Ursa.Client.Rest;

namespace Ursa.Controllers.GarbageCollection;

/// <summary>An informer of one kind that reports its changes to the object graph.</summary>
internal sealed class TrackedResource<T> : ITrackedResource, IInformerHandler<T>
    where T : KubeObject
{
    private readonly IApiClient _client;
    private readonly Informer<T> _informer;
    private readonly ObjectGraph _graph;

    public TrackedResource(IApiClient client, SharedInformers informers, string kind, ResourceRef resource, ObjectGraph graph)
    {
        _client = client;
        _graph = graph;
        Kind = kind;
        Resource = resource;
        _informer = informers.For<T>(resource, new ListOptions { Tenant = "all" });
        _informer.AddHandler(this);
    }

    public string Kind { get; }

    public ResourceRef Resource { get; }

    public Task Synced => _informer.Synced;

    public KubeObject? Get(string key) => _informer.Get(key);

    public async Task<KubeObject?> LookupAsync(string? tenant, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetAsync<T>(Resource, tenant, Resource.Namespaced ? ns : null, name, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiStatusException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public Task PatchAsync(KubeObject obj, string mergePatch, CancellationToken cancellationToken) =>
        _client.PatchAsync<T>(Resource, obj.Metadata.Tenant, obj.Metadata.Namespace, obj.Metadata.Name!, PatchType.Merge, mergePatch, null, cancellationToken);

    public void OnAdd(T obj) => _graph.Changed(this, null, obj);

    public void OnUpdate(T oldObj, T newObj) => _graph.Changed(this, oldObj, newObj);

    public void OnDelete(T obj) => _graph.Removed(this, obj);
}
