using System.Text.Json.Nodes;

namespace Ursa.ApiMachinery.OpenApi;

internal static partial class GnosticMessages
{
    /// <summary><c>message SecurityRequirement { repeated NamedStringArray additional_properties = 1; }</c>.</summary>
    public static GnosticMessage SecurityRequirement => field ??= new() { Entries = 1, EntryValue = Encoders.StringArray };

    /// <summary><c>message SecurityDefinitions { repeated NamedSecurityDefinitionsItem additional_properties = 1; }</c>.</summary>
    public static GnosticMessage SecurityDefinitions => field ??= new() { Entries = 1, EntryValue = SecurityDefinitionsItem };

    public static GnosticMessage BasicAuthenticationSecurity => field ??= new(
        new("type", 1, Encoders.String),
        new("description", 2, Encoders.String))
    {
        VendorExtensions = 3,
    };

    public static GnosticMessage ApiKeySecurity => field ??= new(
        new("type", 1, Encoders.String),
        new("name", 2, Encoders.String),
        new("in", 3, Encoders.String),
        new("description", 4, Encoders.String))
    {
        VendorExtensions = 5,
    };

    /// <summary><c>Oauth2ImplicitSecurity</c>.</summary>
    public static GnosticMessage OAuth2Implicit => field ??= new(
        [.. OAuth2Head(), new("authorizationUrl", 4, Encoders.String), new("description", 5, Encoders.String)])
    {
        VendorExtensions = 6,
    };

    /// <summary><c>Oauth2PasswordSecurity</c> and <c>Oauth2ApplicationSecurity</c> (the same layout).</summary>
    public static GnosticMessage OAuth2PasswordOrApplication => field ??= new(
        [.. OAuth2Head(), new("tokenUrl", 4, Encoders.String), new("description", 5, Encoders.String)])
    {
        VendorExtensions = 6,
    };

    /// <summary><c>Oauth2AccessCodeSecurity</c>.</summary>
    public static GnosticMessage OAuth2AccessCode => field ??= new(
        [
            .. OAuth2Head(),
            new("authorizationUrl", 4, Encoders.String),
            new("tokenUrl", 5, Encoders.String),
            new("description", 6, Encoders.String),
        ])
    {
        VendorExtensions = 7,
    };

    /// <summary><c>message Oauth2Scopes { repeated NamedString additional_properties = 1; }</c>.</summary>
    public static GnosticMessage OAuth2Scopes => field ??= new() { Entries = 1, EntryValue = Encoders.String };

    private static GnosticField[] OAuth2Head() =>
    [
        new("type", 1, Encoders.String),
        new("flow", 2, Encoders.String),
        new("scopes", 3, Encoders.Message(() => OAuth2Scopes)),
    ];

    /// <summary>
    /// <c>message SecurityDefinitionsItem</c>'s oneof, chosen by <c>type</c> (and <c>flow</c> for oauth2):
    /// basic = 1, apiKey = 2, implicit = 3, password = 4, application = 5, accessCode = 6.
    /// </summary>
    private static void SecurityDefinitionsItem(ProtoWriter writer, int number, JsonNode? value)
    {
        if (value is not JsonObject json)
        {
            return;
        }

        var (member, message) = (Word(json, "type"), Word(json, "flow")) switch
        {
            ("basic", _) => (1, BasicAuthenticationSecurity),
            ("apiKey", _) => (2, ApiKeySecurity),
            ("oauth2", "implicit") => (3, OAuth2Implicit),
            ("oauth2", "password") => (4, OAuth2PasswordOrApplication),
            ("oauth2", "application") => (5, OAuth2PasswordOrApplication),
            ("oauth2", "accessCode") => (6, OAuth2AccessCode),
            _ => (0, ApiKeySecurity),
        };
        if (member != 0)
        {
            writer.Message(number, item => item.Message(member, body => message.Write(body, json)));
        }
    }

    private static string Word(JsonObject json, string key) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : string.Empty;
}
