using System.Globalization;
using System.Numerics;

namespace Ursa.ApiMachinery.Quantities;

public readonly partial struct Quantity
{
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    /// <summary>
    /// The Kubernetes canonical form: the largest suffix of the quantity's family that keeps an integer mantissa
    /// (<c>1536Mi</c>, <c>1500M</c>, <c>500m</c>, <c>1e3</c>); <c>0</c> for zero. A binary quantity that is not a whole
    /// number of units, or is below 1024 in magnitude, prints in decimal SI (<c>0.5Ki</c> → <c>512</c>).
    /// </summary>
    public override string ToString()
    {
        if (_nanos.IsZero)
        {
            return "0";
        }

        QuantityFormat format = Format;
        if (format == QuantityFormat.BinarySI
            && (BigInteger.Abs(_nanos) < 1024 * NanosPerUnit || !(_nanos % NanosPerUnit).IsZero))
        {
            format = QuantityFormat.DecimalSI;
        }

        return format == QuantityFormat.BinarySI ? FormatBinary() : FormatDecimal(format);
    }

    private string FormatBinary()
    {
        BigInteger units = _nanos / NanosPerUnit;
        int power = 0;
        while (power < BinarySuffixes.Length - 1 && (units % 1024).IsZero)
        {
            units /= 1024;
            power++;
        }

        return units.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
    }

    private string FormatDecimal(QuantityFormat format)
    {
        BigInteger mantissa = _nanos;
        int exponent = -9;
        while ((mantissa % 10).IsZero)
        {
            mantissa /= 10;
            exponent++;
        }

        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }

        string number;
        string suffix;
        if (format == QuantityFormat.DecimalExponent)
        {
            number = mantissa.ToString(CultureInfo.InvariantCulture);
            suffix = exponent == 0 ? string.Empty : "e" + exponent.ToString(CultureInfo.InvariantCulture);
            return number + suffix;
        }

        // Only sums beyond the parse cap get here with exponent > 18; E is the largest SI suffix.
        while (exponent > 18)
        {
            mantissa *= 1000;
            exponent -= 3;
        }

        suffix = exponent switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        };
        return mantissa.ToString(CultureInfo.InvariantCulture) + suffix;
    }
}
