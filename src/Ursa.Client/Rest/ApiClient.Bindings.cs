using System.Net;
using System.Text.Json;
using Ursa.Api.Serialization;

namespace Ursa.Client.Rest;

public sealed partial class ApiClient : IPodBindingBatchClient
{
    private const string BindingsPath = "/apis/scheduling.ursa.io/v1/bindings";

    public async Task<IReadOnlyList<ApiStatusException?>> BindPodsAsync(IReadOnlyList<PodBinding> bindings, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, BindingsPath, WriteBindings(bindings), "application/json", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var items = document.RootElement.GetProperty("items");
        if (items.GetArrayLength() != bindings.Count)
        {
            throw new ApiStatusException(HttpStatusCode.InternalServerError, "InternalError", $"{items.GetArrayLength()} results for {bindings.Count} bindings");
        }

        var results = new ApiStatusException?[bindings.Count];
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var status = item.Deserialize(UrsaJsonContext.Default.Status);
            results[i++] = status?.Outcome == "Success"
                ? null
                : new ApiStatusException((HttpStatusCode)(status?.Code ?? 500), status?.Reason ?? "Unknown", status?.Message ?? "bind failed");
        }

        return results;
    }

    private static byte[] WriteBindings(IReadOnlyList<PodBinding> bindings)
    {
        using var buffer = new MemoryStream(64 + (bindings.Count * 160));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "scheduling.ursa.io/v1");
            writer.WriteString("kind", "BindingList");
            writer.WriteStartArray("items");
            foreach (var b in bindings)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("metadata");
                if (b.Tenant is not null)
                {
                    writer.WriteString("tenant", b.Tenant);
                }

                writer.WriteString("namespace", b.Namespace);
                writer.WriteString("name", b.Name);
                if (b.Uid is not null)
                {
                    writer.WriteString("uid", b.Uid);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("target");
                writer.WriteString("kind", "Node");
                writer.WriteString("name", b.Node);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
