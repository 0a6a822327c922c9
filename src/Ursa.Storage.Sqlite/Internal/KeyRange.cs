using System.Text;

namespace Ursa.Storage.Sqlite.Internal;

/// <summary>
/// A key prefix as the half-open UTF-8 byte range [Lower, Upper). A range instead of LIKE: LIKE would treat
/// '_' and '%' in keys as wildcards and, being case-insensitive for ASCII by default, could not use the index.
/// </summary>
internal sealed class KeyRange
{
    private KeyRange(string prefix, byte[] lower, byte[] upper)
    {
        Prefix = prefix;
        Lower = lower;
        Upper = upper;
    }

    public string Prefix { get; }

    public byte[] Lower { get; }

    public byte[] Upper { get; }

    public static KeyRange ForPrefix(string prefix)
    {
        byte[] lower = Encoding.UTF8.GetBytes(prefix);

        // Well-formed UTF-8 never contains the byte 0xFF, so the last byte of a prefix can always be
        // incremented, and the single byte 0xFF sorts after every key (the bound of the empty prefix).
        byte[] upper;
        if (lower.Length == 0)
        {
            upper = [0xFF];
        }
        else
        {
            upper = (byte[])lower.Clone();
            upper[^1]++;
        }

        return new KeyRange(prefix, lower, upper);
    }

    /// <summary>True when <paramref name="key"/> starts with the prefix (ordinal, same as the byte range).</summary>
    public bool Contains(string key) => key.StartsWith(Prefix, StringComparison.Ordinal);
}
