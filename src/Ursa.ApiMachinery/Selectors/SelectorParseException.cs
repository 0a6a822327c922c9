namespace Ursa.ApiMachinery.Selectors;

/// <summary>
/// A label or field selector could not be parsed. The message follows Kubernetes wording
/// (<c>unable to parse requirement: ...</c>) so the API server can return it verbatim in a 400.
/// </summary>
public sealed class SelectorParseException : FormatException
{
    public SelectorParseException(string message)
        : base(message)
    {
    }

    public SelectorParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SelectorParseException()
    {
    }
}
