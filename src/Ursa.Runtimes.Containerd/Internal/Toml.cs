using System.Globalization;
using System.Text;

namespace Ursa.Runtimes.Containerd.Internal;

/// <summary>TOML basic strings: the only TOML value our configs write that needs escaping.</summary>
internal static class Toml
{
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"", value.Length + 2);
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                '\r' => text.Append("\\r"),
                < ' ' or '\u007f' => text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }
}
