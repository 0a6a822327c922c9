namespace Ursa.Qmp;

/// <summary>The QEMU version from the QMP greeting.</summary>
/// <param name="Package">The distribution's package string, e.g. <c>Debian 1:7.2+dfsg-7</c>; empty when QEMU sends none.</param>
public sealed record QmpVersion(int Major, int Minor, int Micro, string Package)
{
    public override string ToString() => Package.Length == 0 ? $"{Major}.{Minor}.{Micro}" : $"{Major}.{Minor}.{Micro} ({Package})";
}
