using Google.Protobuf;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.UnitTests.Storage.Etcd;

/// <summary>The etcd watch responses the scripted streams send.</summary>
internal static class EtcdWatchResponses
{
    public static WatchResponse Created(long revision = 10) => new() { Header = new ResponseHeader { Revision = revision }, Created = true };

    /// <summary>etcd's answer to a WatchProgressRequest: the store's revision, for every watch on the stream.</summary>
    public static WatchResponse Answer(long revision) => new() { Header = new ResponseHeader { Revision = revision }, WatchId = -1 };

    /// <summary>etcd's own progress_notify: the revision, for this watch (id 0), sent only once it is synced.</summary>
    public static WatchResponse Notify(long revision) => new() { Header = new ResponseHeader { Revision = revision }, WatchId = 0 };

    /// <summary>The start revision is below etcd's compaction point; etcd cancels the watch.</summary>
    public static WatchResponse Compacted(long compactRevision) => new() { Header = new ResponseHeader { Revision = compactRevision + 5 }, CompactRevision = compactRevision, Canceled = true };

    /// <summary>One put of a new key at <paramref name="revision"/>.</summary>
    public static WatchResponse Put(long revision) => new()
    {
        Header = new ResponseHeader { Revision = revision },
        Events =
        {
            new Event
            {
                Type = Event.Types.EventType.Put,
                Kv = new KeyValue { Key = ByteString.CopyFromUtf8($"/registry/pods/p{revision}"), Value = ByteString.CopyFromUtf8("{}"), CreateRevision = revision, ModRevision = revision, Version = 1 },
            },
        },
    };
}
