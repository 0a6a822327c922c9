namespace Ursa.Storage;

/// <summary>The kind of change in a <see cref="WatchEvent"/>.</summary>
public enum WatchEventType
{
    /// <summary>A key was created.</summary>
    Created,

    /// <summary>An existing key got a new value.</summary>
    Updated,

    /// <summary>A key was deleted.</summary>
    Deleted,

    /// <summary>No change: the watch has seen everything up to the revision (etcd's progress notify).</summary>
    Progress,
}
