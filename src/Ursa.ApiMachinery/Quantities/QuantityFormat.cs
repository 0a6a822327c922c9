namespace Ursa.ApiMachinery.Quantities;

/// <summary>How a <see cref="Quantity"/> prints, remembered from the suffix it was parsed with (as in Kubernetes).</summary>
public enum QuantityFormat
{
    /// <summary>Decimal SI suffixes: <c>n u m "" k M G T P E</c>, e.g. <c>500m</c>, <c>2k</c>.</summary>
    DecimalSI,

    /// <summary>Binary SI suffixes: <c>Ki Mi Gi Ti Pi Ei</c>, e.g. <c>128Mi</c>.</summary>
    BinarySI,

    /// <summary>Decimal exponent: <c>e3</c>, <c>E-2</c>, e.g. <c>1e3</c>.</summary>
    DecimalExponent,
}
