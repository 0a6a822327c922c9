using System.Net;

namespace Ursa.Client.Rest;

/// <summary>The API answered with a Status failure.</summary>
public sealed class ApiStatusException(HttpStatusCode code, string reason, string message) : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    /// <summary>NotFound, AlreadyExists, Conflict, Invalid, Expired, ...</summary>
    public string Reason { get; } = reason;

    public bool IsNotFound => Code == HttpStatusCode.NotFound;

    public bool IsConflict => Code == HttpStatusCode.Conflict && Reason == "Conflict";

    public bool IsAlreadyExists => Reason == "AlreadyExists";

    /// <summary>410: the resourceVersion is too old; relist.</summary>
    public bool IsGone => Code == HttpStatusCode.Gone;
}
