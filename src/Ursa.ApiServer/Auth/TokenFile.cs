using System.Security.Cryptography;
using System.Text;

namespace Ursa.ApiServer.Auth;

/// <summary>
/// Static bearer tokens from a file of lines <c>token,user,tenant[,group1;group2]</c> (Kubernetes'
/// token-auth-file with a tenant column). Tokens are compared in constant time.
/// </summary>
public sealed class TokenFile : ITokenAuthenticator
{
    private readonly List<(byte[] Token, UserInfo User)> _entries;

    private TokenFile(List<(byte[], UserInfo)> entries) => _entries = entries;

    public static TokenFile Load(string path) => Parse(File.ReadAllLines(path));

    public static TokenFile Parse(IEnumerable<string> lines)
    {
        var entries = new List<(byte[], UserInfo)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 3)
            {
                throw new FormatException($"token file line needs token,user,tenant: \"{line}\"");
            }

            var groups = parts.Length > 3 ? parts[3].Split(';', StringSplitOptions.RemoveEmptyEntries) : [];
            entries.Add((Encoding.UTF8.GetBytes(parts[0]), new UserInfo(parts[1], parts[2], groups)));
        }

        return new TokenFile(entries);
    }

    /// <summary>Ensures the file exists with an admin token for the system tenant; returns that token.</summary>
    public static string EnsureAdmin(string path)
    {
        if (File.Exists(path))
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.Split(',') is [_, "admin", UserInfo.SystemTenant, ..]);
            if (line is not null)
            {
                return line.Split(',')[0];
            }
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, $"{token},admin,{UserInfo.SystemTenant},system:masters\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return token;
    }

    public UserInfo? Authenticate(string token)
    {
        var presented = Encoding.UTF8.GetBytes(token);
        foreach (var (expected, user) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return user;
            }
        }

        return null;
    }
}
