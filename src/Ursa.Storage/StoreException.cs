namespace Ursa.Storage;

/// <summary>Base of the errors a store reports for a request it refused.</summary>
public abstract class StoreException(string message, Exception? inner = null) : Exception(message, inner);
