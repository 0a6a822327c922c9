namespace Ursa.Storage;

/// <summary>A create found the key already present.</summary>
public sealed class KeyExistsException(string key) : StoreException($"key {key} already exists")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;
}
