using System.Net;

namespace Ursa.ApiServer.Errors;

/// <summary>A request failure that becomes a Kubernetes <c>Status</c> response.</summary>
public sealed class ApiException(HttpStatusCode code, string reason, string message) : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    /// <summary>Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, BadRequest, ...</summary>
    public string Reason { get; } = reason;

    public StatusDetails? Details { get; init; }

    /// <summary>Extra response headers, e.g. Retry-After.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public Status ToStatus() => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Metadata = new ListMeta(),
        Outcome = "Failure",
        Message = Message,
        Reason = Reason,
        Details = Details,
        Code = (int)Code,
    };
}
