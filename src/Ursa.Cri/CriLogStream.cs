namespace Ursa.Cri;

/// <summary>Which output of the container a CRI log record came from.</summary>
public enum CriLogStream
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
