namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>Writes generated config files atomically (temp file + rename), so a crash never leaves half a file.</summary>
internal static class ConfigFiles
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; returns true when the file was
    /// missing or different (a daemon that read the old one needs a restart).</summary>
    public static bool Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        string temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
