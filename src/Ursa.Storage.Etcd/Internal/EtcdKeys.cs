using Google.Protobuf;
using Ursa.Storage.Etcd.Protocol;

namespace Ursa.Storage.Etcd.Internal;

/// <summary>Keys as etcd sees them (UTF-8 bytes, ordered bytewise) and conversions to store types.</summary>
internal static class EtcdKeys
{
    /// <summary>The smallest key, "\0": as a range end it means "to the end of the keyspace".</summary>
    public static readonly ByteString Zero = ByteString.CopyFrom(0);

    public static ByteString Key(string key) => ByteString.CopyFromUtf8(key);

    /// <summary>The first key after every key starting with <paramref name="prefix"/> (etcd's GetPrefixRangeEnd).</summary>
    public static ByteString PrefixEnd(string prefix)
    {
        byte[] end = System.Text.Encoding.UTF8.GetBytes(prefix);
        for (int i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] < 0xff)
            {
                end[i]++;
                return ByteString.CopyFrom(end, 0, i + 1);
            }
        }

        // Empty, or all 0xff: no key after the prefix, so range to the end.
        return Zero;
    }

    /// <summary>The first key of <paramref name="prefix"/>'s range (etcd rejects an empty key).</summary>
    public static ByteString PrefixStart(string prefix) => prefix.Length == 0 ? Zero : Key(prefix);

    /// <summary>The smallest key strictly greater than <paramref name="key"/>.</summary>
    public static ByteString After(string key)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(key);
        byte[] bytes = new byte[length + 1];
        System.Text.Encoding.UTF8.GetBytes(key, bytes);
        return ByteString.CopyFrom(bytes);
    }

    public static int Compare(ByteString left, ByteString right) => left.Span.SequenceCompareTo(right.Span);

    public static StoreEntry ToEntry(KeyValue kv) =>
        new(kv.Key.ToStringUtf8(), kv.Value.Memory, kv.CreateRevision, kv.ModRevision);

    /// <summary>
    /// etcd's revision counter starts at 1 with no write made; the first write gets 2. The store contract calls
    /// that empty state revision 0.
    /// </summary>
    public static long StoreRevision(long etcdRevision) => etcdRevision <= 1 ? 0 : etcdRevision;
}
