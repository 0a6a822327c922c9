using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Ursa.Grpc;

/// <summary>The outcome of a call as the server reported it: <c>grpc-status</c> and <c>grpc-message</c>.</summary>
/// <param name="Code">The status code.</param>
/// <param name="Message">The decoded message (empty when none was sent).</param>
public readonly record struct GrpcCallStatus(GrpcStatusCode Code, string Message)
{
    /// <summary>
    /// Reads the status from trailers, or from headers for a trailers-only response; null when
    /// <paramref name="headers"/> carry no <c>grpc-status</c>.
    /// </summary>
    public static GrpcCallStatus? From(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        // NonValidated: read as received, without parsing into header objects or allocating an enumerable
        // (this runs twice per call: once on the headers, once on the trailers).
        if (!headers.NonValidated.TryGetValues("grpc-status", out HeaderStringValues statuses))
        {
            return null;
        }

        string raw = First(statuses);
        GrpcStatusCode code = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? (GrpcStatusCode)value
            : GrpcStatusCode.Unknown;
        string message = headers.NonValidated.TryGetValues("grpc-message", out HeaderStringValues messages)
            ? DecodeMessage(First(messages))
            : string.Empty;
        return new GrpcCallStatus(code, message);
    }

    /// <summary>Decodes a percent-encoded UTF-8 <c>grpc-message</c>; a malformed escape is kept as sent.</summary>
    public static string DecodeMessage(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return Uri.UnescapeDataString(encoded);
    }

    /// <summary>
    /// The status for an HTTP response that is not a gRPC response (grpc/doc/http-grpc-status-mapping.md), e.g. a
    /// proxy's 503.
    /// </summary>
    public static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    private static string First(HeaderStringValues values)
    {
        foreach (string value in values)
        {
            return value;
        }

        return string.Empty;
    }

    /// <summary>Throws a <see cref="GrpcException"/> unless the code is OK.</summary>
    public void ThrowIfError()
    {
        if (Code != GrpcStatusCode.OK)
        {
            throw new GrpcException(Code, Message);
        }
    }
}
