using System.Text;

namespace Ursa.ApiServer.Pki;

/// <summary>Writes a kubeconfig for one user of one cluster.</summary>
public static class Kubeconfig
{
    public static string Render(string server, string caPem, string user, string token, string cluster = "ursa", string ns = "default")
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{cluster}}
              cluster:
                server: {{server}}
                certificate-authority-data: {{ca}}
            users:
            - name: {{user}}
              user:
                token: {{token}}
            contexts:
            - name: {{cluster}}
              context:
                cluster: {{cluster}}
                user: {{user}}
                namespace: {{ns}}
            current-context: {{cluster}}
            preferences: {}

            """;
    }

    /// <summary>Writes atomically (temp file + rename) with owner-only permissions.</summary>
    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}
