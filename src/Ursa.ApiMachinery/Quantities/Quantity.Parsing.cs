using System.Globalization;
using System.Numerics;

namespace Ursa.ApiMachinery.Quantities;

public readonly partial struct Quantity
{
    /// <summary>Kubernetes' message for text that is not a number followed by a suffix.</summary>
    public const string FormatError =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Kubernetes' message for a well-formed but unknown suffix (<c>1K</c>, <c>1mi</c>).</summary>
    public const string SuffixError = "unable to parse quantity's suffix";

    // Largest magnitude Kubernetes keeps: 2^63-1 whole units.
    private static readonly BigInteger MaxNanos = long.MaxValue * NanosPerUnit;

    /// <summary>Parses a quantity such as <c>100m</c>, <c>0.5</c>, <c>128Mi</c>, <c>1.5G</c>, <c>1e3</c>, <c>-2k</c>.</summary>
    /// <exception cref="FormatException">The text is malformed (<see cref="FormatError"/>) or the suffix unknown (<see cref="SuffixError"/>).</exception>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out Quantity result, out string? error) ? result : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Quantity result) => TryParse(text, out result, out _);

    /// <summary>Parses like <see cref="Parse"/>, returning false and the Kubernetes error message instead of throwing.</summary>
    public static bool TryParse(string? text, out Quantity result, out string? error)
    {
        result = default;
        error = FormatError;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int pos = 0;
        bool negative = text[0] == '-';
        if (text[0] is '-' or '+')
        {
            pos++;
        }

        string whole = ReadDigits(text, ref pos);
        string fraction = string.Empty;
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            fraction = ReadDigits(text, ref pos);
        }

        // Kubernetes also reads "", "-" and "." as zero; we reject a number without any digit.
        if (whole.Length == 0 && fraction.Length == 0)
        {
            return false;
        }

        int suffixStart = pos;
        while (pos < text.Length && "eEinumkKMGTP".Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '+' or '-')
        {
            pos++;
        }

        ReadDigits(text, ref pos);
        if (pos != text.Length)
        {
            return false;
        }

        if (!TryInterpretSuffix(text[suffixStart..], out int numberBase, out int exponent, out QuantityFormat format))
        {
            error = SuffixError;
            return false;
        }

        BigInteger digits = BigInteger.Parse("0" + whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        BigInteger nanos = numberBase == 10
            ? ScaleDecimal(digits, exponent - fraction.Length + 9)
            : CeilingDivide(digits * BigInteger.Pow(2, exponent) * NanosPerUnit, BigInteger.Pow(10, fraction.Length));
        if (nanos > MaxNanos)
        {
            nanos = MaxNanos;
        }

        // A binary quantity below one unit cannot print with a binary suffix.
        if (format == QuantityFormat.BinarySI && !nanos.IsZero && nanos < NanosPerUnit)
        {
            format = QuantityFormat.DecimalSI;
        }

        result = new Quantity(negative ? -nanos : nanos, format);
        error = null;
        return true;
    }

    private static string ReadDigits(string text, ref int pos)
    {
        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        return text[start..pos];
    }

    private static bool TryInterpretSuffix(string suffix, out int numberBase, out int exponent, out QuantityFormat format)
    {
        numberBase = 10;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            return true;
        }

        exponent = suffix switch
        {
            "Ki" => 10,
            "Mi" => 20,
            "Gi" => 30,
            "Ti" => 40,
            "Pi" => 50,
            "Ei" => 60,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            numberBase = 2;
            format = QuantityFormat.BinarySI;
            return true;
        }

        format = QuantityFormat.DecimalExponent;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
    }

    // digits * 10^power nanos, rounded up; huge exponents are clamped before BigInteger.Pow can blow up.
    private static BigInteger ScaleDecimal(BigInteger digits, long power)
    {
        if (digits.IsZero)
        {
            return BigInteger.Zero;
        }

        int digitCount = digits.ToString(CultureInfo.InvariantCulture).Length;
        if (power >= 0)
        {
            return digitCount + power > 40 ? MaxNanos + 1 : digits * BigInteger.Pow(10, (int)power);
        }

        return -power > digitCount + 1 ? BigInteger.One : CeilingDivide(digits, BigInteger.Pow(10, (int)-power));
    }

    private static BigInteger CeilingDivide(BigInteger value, BigInteger divisor)
    {
        BigInteger quotient = BigInteger.DivRem(value, divisor, out BigInteger remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }
}
