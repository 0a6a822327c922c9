using System.Numerics;

namespace Ursa.ApiMachinery.Quantities;

/// <summary>
/// A Kubernetes resource quantity (<c>100m</c>, <c>128Mi</c>, <c>1.5G</c>, <c>1e3</c>), with the semantics of
/// <c>k8s.io/apimachinery/pkg/api/resource.Quantity</c>: exact parsing, values rounded up (away from zero) to
/// nano units, the suffix family remembered for printing, and the Kubernetes canonical string form.
/// </summary>
/// <remarks>
/// <para>Stored as a <see cref="BigInteger"/> count of nano units (10^-9), so arithmetic is exact and unbounded.
/// Parsing, like Kubernetes, caps the magnitude at 2^63-1 units (9223372036854775807, about 9.2E) and rounds
/// anything finer than 1n up to 1n (so a request for a tiny amount still gets some).</para>
/// <para>Equality and ordering compare values only: <c>1Gi == 1073741824</c>; the format only affects
/// <see cref="ToString"/>.</para>
/// </remarks>
public readonly partial struct Quantity : IEquatable<Quantity>, IComparable<Quantity>, IComparable
{
    private static readonly BigInteger NanosPerUnit = 1_000_000_000;
    private static readonly BigInteger NanosPerMilli = 1_000_000;

    private readonly BigInteger _nanos;

    private Quantity(BigInteger nanos, QuantityFormat format)
    {
        _nanos = nanos;
        Format = format;
    }

    /// <summary>Zero, printed as <c>0</c>.</summary>
    public static Quantity Zero => default;

    /// <summary>The suffix family used by <see cref="ToString"/>.</summary>
    public QuantityFormat Format { get; }

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => _nanos.IsZero;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _nanos.Sign;

    /// <summary>
    /// The value in whole units, rounded up away from zero like Kubernetes <c>Value()</c> (<c>100m</c> → 1,
    /// <c>-100m</c> → -1). Saturates at <see cref="long.MinValue"/>/<see cref="long.MaxValue"/>.
    /// </summary>
    public long Value => Saturate(DivideAwayFromZero(_nanos, NanosPerUnit));

    /// <summary>
    /// The value in thousandths, rounded up away from zero like Kubernetes <c>MilliValue()</c> (<c>1</c> → 1000,
    /// <c>1n</c> → 1). Saturates at <see cref="long.MinValue"/>/<see cref="long.MaxValue"/> (beyond about 9.2P).
    /// </summary>
    public long MilliValue => Saturate(DivideAwayFromZero(_nanos, NanosPerMilli));

    /// <summary>The value in nano units (exact).</summary>
    public BigInteger NanoValue => _nanos;

    /// <summary>A quantity of whole units, e.g. <c>FromValue(2)</c> prints <c>2</c>.</summary>
    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value * NanosPerUnit, format);

    /// <summary>A quantity of thousandths, e.g. <c>FromMilli(500)</c> prints <c>500m</c>.</summary>
    public static Quantity FromMilli(long milli, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(milli * NanosPerMilli, format);

    /// <summary>Sum; keeps this quantity's format unless it is zero (then takes <paramref name="other"/>'s), as Kubernetes <c>Add</c>.</summary>
    public Quantity Add(Quantity other) => new(_nanos + other._nanos, IsZero ? other.Format : Format);

    /// <summary>Difference; format rule as <see cref="Add"/>.</summary>
    public Quantity Subtract(Quantity other) => new(_nanos - other._nanos, IsZero ? other.Format : Format);

    /// <summary>The negated value, same format.</summary>
    public Quantity Negate() => new(-_nanos, Format);

    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Quantity q => CompareTo(q),
        _ => throw new ArgumentException("Object must be a Quantity.", nameof(obj)),
    };

    public bool Equals(Quantity other) => _nanos == other._nanos;

    public override bool Equals(object? obj) => obj is Quantity q && Equals(q);

    public override int GetHashCode() => _nanos.GetHashCode();

    public static Quantity operator +(Quantity left, Quantity right) => left.Add(right);

    public static Quantity operator -(Quantity left, Quantity right) => left.Subtract(right);

    public static Quantity operator -(Quantity value) => value.Negate();

    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    private static BigInteger DivideAwayFromZero(BigInteger value, BigInteger divisor)
    {
        BigInteger quotient = BigInteger.DivRem(value, divisor, out BigInteger remainder);
        return remainder.IsZero ? quotient : quotient + value.Sign;
    }

    private static long Saturate(BigInteger value) =>
        value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;
}
