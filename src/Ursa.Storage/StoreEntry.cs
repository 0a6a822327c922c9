namespace Ursa.Storage;

/// <summary>One key's value at a revision.</summary>
/// <param name="Key">The full key, e.g. <c>/registry/pods/system/default/web-1</c>.</param>
/// <param name="Value">The stored bytes.</param>
/// <param name="CreateRevision">The revision at which the key was (last) created.</param>
/// <param name="ModRevision">The revision of the last write to the key (or of its deletion, for a deleted entry).</param>
public sealed record StoreEntry(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision);
