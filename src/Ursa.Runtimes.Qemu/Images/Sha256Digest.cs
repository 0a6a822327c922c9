using System.Security.Cryptography;

namespace Ursa.Runtimes.Qemu.Images;

/// <summary>The only digest algorithm the store accepts: <c>sha256:</c> followed by 64 lowercase hex digits.</summary>
public static class Sha256Digest
{
    /// <summary>The algorithm prefix, colon included.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Whether <paramref name="digest"/> is <c>sha256:</c> + 64 lowercase hex digits.</summary>
    public static bool IsValid(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(Prefix, StringComparison.Ordinal) && digest.AsSpan(7).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>The 64 hex digits of a valid digest.</summary>
    public static string Hex(string digest) =>
        IsValid(digest) ? digest[Prefix.Length..] : throw new ArgumentException($"'{digest}' is not a sha256 digest", nameof(digest));

    /// <summary>The digest of a finished hash.</summary>
    public static string Of(IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The digest of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
