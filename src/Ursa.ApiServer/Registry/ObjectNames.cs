using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ursa.ApiServer.Registry;

/// <summary>Generated names, UIDs and hash keys.</summary>
public static class ObjectNames
{
    // Kubernetes' alphabet for generated suffixes: no vowels (no accidental words), no look-alikes (0/o, 1/l).
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Generate(string prefix)
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = SuffixAlphabet[RandomNumberGenerator.GetInt32(SuffixAlphabet.Length)];
        }

        var head = prefix.Length > 58 ? prefix[..58] : prefix;
        return head + new string(suffix);
    }

    public static string NewUid() => Guid.NewGuid().ToString();

    /// <summary>A stable, non-negative 63-bit hash of the UID (Arktos' hashKey for range-partitioned controllers).</summary>
    public static long HashKey(string uid)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(uid), digest);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(digest) >> 1);
    }
}
