namespace Ursa.Grpc;

/// <summary>The gRPC status codes (grpc/doc/statuscodes.md), as carried in the <c>grpc-status</c> trailer.</summary>
public enum GrpcStatusCode
{
    /// <summary>Success.</summary>
    OK = 0,

    /// <summary>The operation was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>Unknown error, or an error from a server that sent no status.</summary>
    Unknown = 2,

    /// <summary>The client specified an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired before the operation could complete.</summary>
    DeadlineExceeded = 4,

    /// <summary>Some requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity the client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller may not perform the operation.</summary>
    PermissionDenied = 7,

    /// <summary>Some resource has been exhausted (quota, message size).</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted (concurrency conflict).</summary>
    Aborted = 10,

    /// <summary>The operation was attempted past the valid range (etcd: compacted or future revision).</summary>
    OutOfRange = 11,

    /// <summary>The operation is not implemented or not supported.</summary>
    Unimplemented = 12,

    /// <summary>An internal invariant was broken (including malformed frames).</summary>
    Internal = 13,

    /// <summary>The service is unavailable; retrying, maybe elsewhere, may succeed.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request does not have valid authentication credentials.</summary>
    Unauthenticated = 16,
}
