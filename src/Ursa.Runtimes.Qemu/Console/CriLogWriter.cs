using System.Globalization;
using System.Text;

namespace Ursa.Runtimes.Qemu.Console;

/// <summary>
/// Writes console output as a CRI log file (<c>TIMESTAMP stdout F|P TEXT</c>), the format the node agent serves
/// as <c>kubectl logs</c>: full lines as <c>F</c>; a line still open when output pauses (a prompt) as <c>P</c>,
/// continued by the next record.
/// </summary>
public sealed class CriLogWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly List<byte> _line = [];

    /// <summary>Appends to <paramref name="path"/> (created with its directory).</summary>
    public CriLogWriter(string path, TimeProvider time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _time = time;
    }

    /// <summary>Consumes output; writes every completed line. Carriage returns are dropped.</summary>
    public void Write(ReadOnlySpan<byte> output)
    {
        foreach (var b in output)
        {
            if (b == (byte)'\n')
            {
                Emit('F');
            }
            else if (b != (byte)'\r')
            {
                _line.Add(b);
                if (_line.Count >= 16 * 1024)
                {
                    Emit('P');
                }
            }
        }
    }

    /// <summary>Output paused: writes the open line as a partial record so readers see prompts.</summary>
    public void Flush()
    {
        if (_line.Count > 0)
        {
            Emit('P');
        }

        _file.Flush();
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    private void Emit(char tag)
    {
        var prefix = Encoding.ASCII.GetBytes(_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + " stdout " + tag + " ");
        _file.Write(prefix);
        _file.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_line));
        _file.WriteByte((byte)'\n');
        _line.Clear();
    }
}
