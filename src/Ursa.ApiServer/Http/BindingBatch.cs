using Ursa.ApiServer.Requests;

namespace Ursa.ApiServer.Http;

/// <summary>
/// Ursa's batched form of pods/binding (an extension: <c>POST /apis/scheduling.ursa.io/v1/bindings</c>), so a
/// scheduler that decided many pods at once writes them in one request instead of one request each.
/// <code>
/// request:  {"kind":"BindingList","items":[Binding{metadata:{tenant?,namespace,name,uid?},target:{name}}, ...]}
/// response: 200 {"kind":"BindingResultList","items":[Status per entry, in order]}  (201 bound, 409, 404, 403 ...)
/// </code>
/// Each entry is a bind of its own: authorized as a create of pods/binding in its tenant, guarded like one
/// (already bound, being deleted, uid changed: a 409 for that entry only), written with its own revision and watch
/// event. The binds of one request are written concurrently, so the SQLite store's group commit puts them in one
/// transaction and one fsync; on etcd each stays one Txn (one revision per write), still one HTTP round trip.
/// </summary>
public static class BindingBatch
{
    /// <summary>The path, after any <c>/tenants/{t}</c> server prefix.</summary>
    public const string Path = "/apis/scheduling.ursa.io/v1/bindings";

    public const string ApiVersion = "scheduling.ursa.io/v1";

    /// <summary>Most entries per request: bounds the request body (~200 bytes an entry) and the server's fan-out.</summary>
    public const int MaxItems = 1_000;

    public static bool Addresses(RequestInfo info) => info.Path.TrimEnd('/') == Path;
}
