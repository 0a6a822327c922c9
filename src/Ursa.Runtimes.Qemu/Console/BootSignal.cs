using System.Text;

namespace Ursa.Runtimes.Qemu.Console;

/// <summary>
/// Pure: decides from console text when the guest is up: a <c>login:</c> prompt, or a shell prompt (a line that
/// ends in <c>"# "</c> or <c>"$ "</c> and waits for input). Fed every chunk of console output in order.
/// </summary>
public sealed class BootSignal
{
    private readonly StringBuilder _line = new();
    private Escape _escape;

    private enum Escape
    {
        None,
        Started,
        Csi,
    }

    /// <summary>True once the guest has shown a prompt since the last <see cref="Reset"/>.</summary>
    public bool Booted { get; private set; }

    /// <summary>Consumes console output; returns true when this chunk made the guest count as booted.</summary>
    public bool Observe(ReadOnlySpan<byte> output)
    {
        if (Booted)
        {
            return false;
        }

        foreach (var b in output)
        {
            // ANSI escape sequences (line editors ask for the cursor position right after the prompt) are not text.
            if (_escape == Escape.Started)
            {
                _escape = b == (byte)'[' ? Escape.Csi : Escape.None;
                continue;
            }

            if (_escape == Escape.Csi)
            {
                _escape = b is >= 0x40 and <= 0x7e ? Escape.None : Escape.Csi;
                continue;
            }

            if (b == 0x1b)
            {
                _escape = Escape.Started;
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                if (_line.ToString().Contains("login:", StringComparison.Ordinal))
                {
                    return Booted = true;
                }

                _line.Clear();
            }
            else if (b >= 0x20 && _line.Length < 512)
            {
                _line.Append((char)b);
            }
        }

        var pending = _line.ToString();
        return Booted = pending.EndsWith("login: ", StringComparison.Ordinal) || pending.EndsWith("login:", StringComparison.Ordinal)
            || pending.EndsWith("# ", StringComparison.Ordinal) || pending.EndsWith("$ ", StringComparison.Ordinal);
    }

    /// <summary>The guest restarted (reset, reboot, new QEMU): wait for a new prompt.</summary>
    public void Reset()
    {
        Booted = false;
        _escape = Escape.None;
        _line.Clear();
    }
}
