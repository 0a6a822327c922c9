namespace Ursa.ApiMachinery.OpenApi;

/// <summary>
/// The <c>openapi.v2</c> messages (google/gnostic <c>openapiv2/OpenAPIv2.proto</c>) as tables of Swagger JSON key
/// to protobuf field number. Each table lists its fields in the .proto's order so it can be checked line by line.
/// </summary>
/// <remarks>
/// Tables are built on first use (<c>field ??=</c>) and name each other through <c>() =&gt; Table</c>, because the
/// graph has cycles (a <c>Schema</c> holds <c>Schema</c>s). Two threads racing on first use build equal tables.
/// </remarks>
internal static partial class GnosticMessages
{
    /// <summary><c>message Document</c>: the root.</summary>
    public static GnosticMessage Document => field ??= new(
        new("swagger", 1, Encoders.String),
        new("info", 2, Encoders.Message(() => Info)),
        new("host", 3, Encoders.String),
        new("basePath", 4, Encoders.String),
        new("schemes", 5, Encoders.Strings),
        new("consumes", 6, Encoders.Strings),
        new("produces", 7, Encoders.Strings),
        new("paths", 8, Encoders.Message(() => Paths)),
        new("definitions", 9, Encoders.Message(() => Definitions)),
        new("parameters", 10, Encoders.Message(() => ParameterDefinitions)),
        new("responses", 11, Encoders.Message(() => ResponseDefinitions)),
        new("security", 12, Encoders.Repeated(Encoders.Message(() => SecurityRequirement))),
        new("securityDefinitions", 13, Encoders.Message(() => SecurityDefinitions)),
        new("tags", 14, Encoders.Repeated(Encoders.Message(() => Tag))),
        new("externalDocs", 15, Encoders.Message(() => ExternalDocs)))
    {
        VendorExtensions = 16,
    };

    public static GnosticMessage Info => field ??= new(
        new("title", 1, Encoders.String),
        new("version", 2, Encoders.String),
        new("description", 3, Encoders.String),
        new("termsOfService", 4, Encoders.String),
        new("contact", 5, Encoders.Message(() => Contact)),
        new("license", 6, Encoders.Message(() => License)))
    {
        VendorExtensions = 7,
    };

    public static GnosticMessage Contact => field ??= new(
        new("name", 1, Encoders.String),
        new("url", 2, Encoders.String),
        new("email", 3, Encoders.String))
    {
        VendorExtensions = 4,
    };

    public static GnosticMessage License => field ??= new(
        new("name", 1, Encoders.String),
        new("url", 2, Encoders.String))
    {
        VendorExtensions = 3,
    };

    public static GnosticMessage Tag => field ??= new(
        new("name", 1, Encoders.String),
        new("description", 2, Encoders.String),
        new("externalDocs", 3, Encoders.Message(() => ExternalDocs)))
    {
        VendorExtensions = 4,
    };

    /// <summary><c>message Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }</c>.</summary>
    public static GnosticMessage Paths => field ??= new()
    {
        VendorExtensions = 1,
        Entries = 2,
        EntryValue = Encoders.Message(() => PathItem),
    };

    public static GnosticMessage PathItem => field ??= new(
        new("$ref", 1, Encoders.String),
        new("get", 2, Encoders.Message(() => Operation)),
        new("put", 3, Encoders.Message(() => Operation)),
        new("post", 4, Encoders.Message(() => Operation)),
        new("delete", 5, Encoders.Message(() => Operation)),
        new("options", 6, Encoders.Message(() => Operation)),
        new("head", 7, Encoders.Message(() => Operation)),
        new("patch", 8, Encoders.Message(() => Operation)),
        new("parameters", 9, Encoders.Repeated(ParametersItem)))
    {
        VendorExtensions = 10,
    };

    public static GnosticMessage Operation => field ??= new(
        new("tags", 1, Encoders.Strings),
        new("summary", 2, Encoders.String),
        new("description", 3, Encoders.String),
        new("externalDocs", 4, Encoders.Message(() => ExternalDocs)),
        new("operationId", 5, Encoders.String),
        new("produces", 6, Encoders.Strings),
        new("consumes", 7, Encoders.Strings),
        new("parameters", 8, Encoders.Repeated(ParametersItem)),
        new("responses", 9, Encoders.Message(() => Responses)),
        new("schemes", 10, Encoders.Strings),
        new("deprecated", 11, Encoders.Bool),
        new("security", 12, Encoders.Repeated(Encoders.Message(() => SecurityRequirement))))
    {
        VendorExtensions = 13,
    };

    /// <summary><c>message JsonReference { string _ref = 1; string description = 2; }</c>.</summary>
    public static GnosticMessage JsonReference => field ??= new(
        new("$ref", 1, Encoders.String),
        new("description", 2, Encoders.String));
}
