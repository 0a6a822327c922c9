using System.Globalization;
using System.Text;

namespace Ursa.Runtimes.Qemu.Seed;

/// <summary>Scalars for hand-written YAML: every value is double-quoted with its control characters, quotes and
/// backslashes escaped, so no input can break out of its line or change the document's structure.</summary>
internal static class YamlText
{
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\t' => quoted.Append("\\t"),
                _ when char.IsControl(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
