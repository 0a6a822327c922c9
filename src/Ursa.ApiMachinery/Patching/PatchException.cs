namespace Ursa.ApiMachinery.Patching;

/// <summary>
/// A patch could not be applied: malformed, an unknown op or directive, a missing path, a failed <c>test</c>.
/// The message follows Kubernetes/evanphx wording so the API server can return it (400/422) as is.
/// </summary>
public sealed class PatchException : Exception
{
    public PatchException(string message)
        : base(message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PatchException()
    {
    }
}
