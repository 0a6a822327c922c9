namespace Ursa.ApiServer.Registry;

/// <summary>The outcome of a write: the object as now stored, and its JSON as served.</summary>
/// <param name="Object">The typed object (resourceVersion set).</param>
/// <param name="Json">The JSON sent to the client.</param>
/// <param name="Removed">For deletes: true when the object is gone from storage, false when only marked.</param>
public sealed record WriteResult(KubeObject Object, byte[] Json, bool Removed = false);
