namespace Ursa.Storage.Sqlite.Internal;

/// <summary>What a <see cref="WriteRequest"/> asks the writer loop to do.</summary>
internal enum WriteKind
{
    Create,
    Update,
    Delete,
}
