using System.Globalization;
using System.Text.Json.Serialization;

namespace Ursa.Api.Meta;

/// <summary>A value that is either an integer or a string, such as a port (<c>8080</c> or <c>http</c>) or a
/// rollout bound (<c>1</c> or <c>25%</c>).</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The integer, when this holds one.</summary>
    public int? Number { get; }

    /// <summary>The string, when this holds one.</summary>
    public string? Text { get; }

    /// <summary>Makes an integer value.</summary>
    public static IntOrString FromInt(int value) => new(value, null);

    /// <summary>Makes a string value.</summary>
    public static IntOrString FromString(string value) => new(null, value);

    /// <summary>
    /// Resolves a value against a total: an integer is taken as is, <c>N%</c> is N percent of the total,
    /// rounded up or down as asked (Kubernetes rounds maxSurge up and maxUnavailable down).
    /// </summary>
    public int ScaledValue(int total, bool roundUp)
    {
        if (Number is { } n)
        {
            return n;
        }

        var text = Text ?? "0";
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"invalid value \"{text}\": must be an integer or a percentage");
        }

        var scaled = total * (long)percent;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    /// <inheritdoc />
    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
}
