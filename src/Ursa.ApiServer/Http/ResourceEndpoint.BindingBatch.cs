using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ursa.Api.Serialization;
using Ursa.ApiServer.Auth;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Requests;
using Ursa.ApiServer.Resources;
using Ursa.Storage;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    /// <summary>Serves <see cref="BindingBatch"/>: every entry bound (or refused) on its own, answered in order.</summary>
    public async Task BindBatchAsync(HttpContext context, RequestInfo info, UserInfo user, ResourceDefinition pods)
    {
        if (info.Verb != RequestVerb.Create)
        {
            throw ApiErrors.MethodNotAllowed($"{context.Request.Method} is not supported on {BindingBatch.Path}");
        }

        var aborted = context.RequestAborted;
        var bindings = ReadBindings(await RequestBody.ReadBytesAsync(context.Request, aborted).ConfigureAwait(false));
        var dryRun = context.Request.Query.TryGetValue("dryRun", out var d) && d.ToString() == "All";
        var defaultTenant = info.Tenant ?? user.Tenant;
        var outcomes = await Task.WhenAll(bindings.Select(b => BindEntryAsync(b, info, user, pods, defaultTenant, dryRun, aborted))).ConfigureAwait(false);

        using var buffer = new MemoryStream(64 + (outcomes.Length * 48));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", BindingBatch.ApiVersion);
            writer.WriteString("kind", "BindingResultList");
            writer.WriteStartArray("items");
            foreach (var status in outcomes)
            {
                JsonSerializer.Serialize(writer, status, UrsaJsonContext.Default.Status);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await ApiResponse.WriteJsonAsync(context.Response, 200, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), aborted).ConfigureAwait(false);
    }

    private static List<Binding> ReadBindings(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw ApiErrors.BadRequest("a BindingList needs an items array");
            }

            if (items.GetArrayLength() > BindingBatch.MaxItems)
            {
                throw ApiErrors.BadRequest($"a BindingList holds at most {BindingBatch.MaxItems} items, not {items.GetArrayLength()}");
            }

            return [.. items.EnumerateArray().Select(item => item.Deserialize(UrsaJsonContext.Default.Binding) ?? throw ApiErrors.BadRequest("a binding is null"))];
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"invalid BindingList: {e.Message}");
        }
    }

    /// <summary>One entry: the pods/binding subresource's checks and write, its failure kept to its own Status.</summary>
    private async Task<Status> BindEntryAsync(Binding binding, RequestInfo info, UserInfo user, ResourceDefinition pods, string? defaultTenant, bool dryRun, CancellationToken cancellationToken)
    {
        var meta = binding.Metadata;
        var name = meta?.Name ?? string.Empty;
        try
        {
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(meta!.Namespace))
            {
                throw ApiErrors.Invalid(pods, name, [new StatusCause { Reason = "FieldValueRequired", Field = "metadata.name/namespace", Message = "Required value" }]);
            }

            var node = binding.Target?.Name;
            if (string.IsNullOrEmpty(node))
            {
                throw ApiErrors.Invalid(pods, name, [new StatusCause { Reason = "FieldValueRequired", Field = "target.name", Message = "Required value" }]);
            }

            // The same rule as POST pods/{name}/binding in that tenant: a tenant's caller binds only its own pods.
            var tenant = string.IsNullOrEmpty(meta.Tenant) ? defaultTenant : meta.Tenant;
            TenantAuthorizer.Authorize(user, info with { Namespace = meta.Namespace, Name = name, Subresource = "binding", Tenant = tenant }, pods, tenant);
            var result = await BindPodAsync(pods, tenant, meta.Namespace, name, node, meta.Uid, dryRun, cancellationToken).ConfigureAwait(false);
            return new Status
            {
                ApiVersion = "v1",
                Kind = "Status",
                Outcome = "Success",
                Code = (int)HttpStatusCode.Created,
                Details = new StatusDetails { Name = name, Kind = "pods", Uid = result.Object.Metadata.Uid },
            };
        }
        catch (ApiException e)
        {
            return e.ToStatus();
        }
        catch (StoreUnavailableException e)
        {
            return ApiErrors.Unavailable($"storage is unavailable: {e.Message}").ToStatus();
        }
    }
}
