namespace Ursa.Storage;

/// <summary>An update or delete found no such key.</summary>
public sealed class KeyNotFoundInStoreException(string key) : StoreException($"key {key} not found")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;
}
