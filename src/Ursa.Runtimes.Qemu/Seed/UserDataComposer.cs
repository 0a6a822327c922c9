using System.Security.Cryptography;
using System.Text;

namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>
/// Pure: the pod's userData, script and keys → one <c>user-data</c> file.
/// <code>
///  userData + script → MIME multipart/mixed (cloud-init runs every part)
///  userData          → as given
///  script            → the script (with #!/bin/sh when it has no #!)
///  keys only         → #cloud-config with ssh_authorized_keys
///  nothing           → an empty #cloud-config
/// </code>
/// Keys are also in meta-data's public-keys whatever the user-data, which cloud-init installs for the default user.
/// </summary>
internal static class UserDataComposer
{
    // cloud-init's own table (cloudinit/handlers/__init__.py INCLUSION_TYPES_MAP), longest prefix first.
    private static readonly (string Prefix, string ContentType)[] Types =
    [
        ("#cloud-config-archive", "text/cloud-config-archive"),
        ("#cloud-config", "text/cloud-config"),
        ("#cloud-boothook", "text/cloud-boothook"),
        ("#include-once", "text/x-include-once-url"),
        ("#include", "text/x-include-url"),
        ("#part-handler", "text/part-handler"),
        ("#upstart-job", "text/upstart-job"),
        ("## template: jinja", "text/jinja2"),
        ("#!", "text/x-shellscript"),
    ];

    public static byte[] Compose(byte[]? userData, string? script, IReadOnlyList<string> keys)
    {
        bool hasUserData = userData is { Length: > 0 };
        byte[]? scriptBytes = string.IsNullOrWhiteSpace(script) ? null
            : Encoding.UTF8.GetBytes(script.StartsWith("#!", StringComparison.Ordinal) ? script : "#!/bin/sh\n" + script);
        if (hasUserData && scriptBytes is not null)
        {
            return Multipart([userData!, scriptBytes]);
        }

        if (hasUserData)
        {
            return userData!;
        }

        if (scriptBytes is not null)
        {
            return scriptBytes;
        }

        var config = new StringBuilder("#cloud-config\n");
        if (keys.Count > 0)
        {
            _ = config.Append("ssh_authorized_keys:\n");
            foreach (string key in keys)
            {
                _ = config.Append("  - ").Append(YamlText.Quote(key)).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(config.ToString());
    }

    /// <summary>The MIME type cloud-init gives content by its first bytes (gzip included).</summary>
    public static string ContentType(ReadOnlySpan<byte> content)
    {
        if (content is [0x1f, 0x8b, ..])
        {
            return "application/x-gzip";
        }

        foreach ((string prefix, string type) in Types)
        {
            if (content.StartsWith(Encoding.ASCII.GetBytes(prefix)))
            {
                return type;
            }
        }

        // cloud-init sniffs text/plain parts by their first line itself.
        return "text/plain";
    }

    private static byte[] Multipart(IReadOnlyList<byte[]> parts)
    {
        // Derived from the content, so the output is deterministic and the boundary cannot occur in a part
        // (that would take a part containing its own hash).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] part in parts)
        {
            hash.AppendData(part);
        }

        string boundary = "===============ursa" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32] + "==";
        var mime = new StringBuilder();
        mime.Append("Content-Type: multipart/mixed; boundary=\"").Append(boundary).Append("\"\nMIME-Version: 1.0\n");
        for (int i = 0; i < parts.Count; i++)
        {
            byte[] part = parts[i];
            // 7bit text as is; anything else (UTF-8 beyond ASCII, gzip) as base64, which Python's email module
            // (cloud-init's parser) decodes byte for byte.
            bool ascii = !part.AsSpan().ContainsAnyExceptInRange((byte)1, (byte)127);
            mime.Append("\n--").Append(boundary).Append('\n');
            mime.Append("Content-Type: ").Append(ContentType(part)).Append(ascii ? "; charset=\"us-ascii\"" : "").Append('\n');
            mime.Append("MIME-Version: 1.0\n");
            mime.Append("Content-Transfer-Encoding: ").Append(ascii ? "7bit" : "base64").Append('\n');
            mime.Append("Content-Disposition: attachment; filename=\"part-").Append(i + 1).Append("\"\n\n");
            if (ascii)
            {
                string text = Encoding.ASCII.GetString(part);
                mime.Append(text);
                if (!text.EndsWith('\n'))
                {
                    mime.Append('\n');
                }
            }
            else
            {
                mime.Append(Convert.ToBase64String(part, Base64FormattingOptions.InsertLineBreaks).ReplaceLineEndings("\n")).Append('\n');
            }
        }

        mime.Append("--").Append(boundary).Append("--\n");
        return Encoding.ASCII.GetBytes(mime.ToString());
    }
}
