namespace Ursa.Storage;

/// <summary>The store cannot serve right now (its backing service is down or timed out); retry later.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : StoreException(message, inner);
