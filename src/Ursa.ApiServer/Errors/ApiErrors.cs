using System.Net;
using Ursa.ApiServer.Resources;

namespace Ursa.ApiServer.Errors;

/// <summary>Factories for the Status errors Kubernetes clients know, with Kubernetes' wording.</summary>
public static class ApiErrors
{
    public static ApiException NotFound(ResourceDefinition resource, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{resource.QualifiedPlural} \"{name}\" not found")
        {
            Details = new StatusDetails { Name = name, Group = NullIfEmpty(resource.Group), Kind = resource.Plural },
        };

    public static ApiException NamespaceNotFound(string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"namespaces \"{name}\" not found")
        {
            Details = new StatusDetails { Name = name, Kind = "namespaces" },
        };

    public static ApiException TenantNotFound(string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"tenants \"{name}\" not found")
        {
            Details = new StatusDetails { Name = name, Kind = "tenants" },
        };

    public static ApiException UnknownResource(string path) =>
        new(HttpStatusCode.NotFound, "NotFound", $"the server could not find the requested resource ({path})");

    public static ApiException AlreadyExists(ResourceDefinition resource, string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"{resource.QualifiedPlural} \"{name}\" already exists")
        {
            Details = new StatusDetails { Name = name, Group = NullIfEmpty(resource.Group), Kind = resource.Plural },
        };

    public static ApiException Conflict(ResourceDefinition resource, string name, string why) =>
        new(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedPlural} \"{name}\": {why}")
        {
            Details = new StatusDetails { Name = name, Group = NullIfEmpty(resource.Group), Kind = resource.Plural },
        };

    public static ApiException StaleResourceVersion(ResourceDefinition resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceDefinition resource, string name, IReadOnlyList<StatusCause> causes)
    {
        var summary = string.Join(", ", causes.Select(c => string.IsNullOrEmpty(c.Field) ? c.Message : $"{c.Field}: {c.Message}"));
        var message = causes.Count == 1 ? summary : $"[{summary}]";
        return new ApiException((HttpStatusCode)422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {message}")
        {
            Details = new StatusDetails
            {
                Name = name,
                Group = NullIfEmpty(resource.Group),
                Kind = resource.Kind,
                Causes = [.. causes],
            },
        };
    }

    public static ApiException BadRequest(string message) => new(HttpStatusCode.BadRequest, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got \"{contentType}\")");

    public static ApiException RequestEntityTooLarge(long limit) =>
        new(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", $"the request body is larger than the limit of {limit} bytes");

    public static ApiException Unauthorized() => new(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");

    public static ApiException Forbidden(string user, string verb, ResourceDefinition? resource, string? tenant, string why) =>
        new(HttpStatusCode.Forbidden, "Forbidden", $"{resource?.QualifiedPlural ?? "resource"} is forbidden: User \"{user}\" cannot {verb} resource \"{resource?.Plural}\" in tenant \"{tenant}\": {why}")
        {
            Details = new StatusDetails { Kind = resource?.Plural, Group = NullIfEmpty(resource?.Group) },
        };

    public static ApiException Gone(string message) => new(HttpStatusCode.Gone, "Expired", message);

    public static ApiException Timeout(string message) =>
        new(HttpStatusCode.GatewayTimeout, "Timeout", message) { Details = new StatusDetails { RetryAfterSeconds = 1 } };

    public static ApiException Unavailable(string message) =>
        new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", message)
        {
            Details = new StatusDetails { RetryAfterSeconds = 1 },
            Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
        };

    public static ApiException NotImplemented(string message) => new(HttpStatusCode.NotImplemented, "NotImplemented", message);

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
