using Ursa.Api.Meta;

namespace Ursa.Client.Informers;

/// <summary>
/// Receives an informer's changes, in order, on the informer's loop. Handlers should only enqueue keys
/// (level-triggered controllers reconcile from the cache, not from events).
/// </summary>
public interface IInformerHandler<in T>
    where T : KubeObject
{
    void OnAdd(T obj);

    void OnUpdate(T oldObj, T newObj);

    void OnDelete(T obj);
}
