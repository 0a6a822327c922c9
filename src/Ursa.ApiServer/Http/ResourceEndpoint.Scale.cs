using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ursa.Api.Apps;
using Ursa.ApiMachinery.Patching;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Requests;
using Ursa.ApiServer.Tables;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    /// <summary>
    /// The scale subresource (autoscaling/v1 Scale) of deployments and replica sets: what <c>kubectl scale</c> reads
    /// and patches. Only spec.replicas can change through it.
    /// </summary>
    private async Task ScaleAsync(ApiRequest request)
    {
        var resource = request.Resource;
        if (request.Info.Verb == RequestVerb.Get)
        {
            var (current, _) = await registry.GetAsync(resource, request.Tenant, request.Namespace, request.Name!, request.Aborted).ConfigureAwait(false);
            await WriteScaleAsync(request, current).ConfigureAwait(false);
            return;
        }

        var mediaType = RequestBody.MediaType(request.Http.Request);
        var body = RequestBody.Decode(await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false), mediaType is "application/yaml" ? mediaType : "application/json");
        var result = await registry.UpdateAsync(resource, request.Tenant, request.Namespace, request.Name!, null, current =>
        {
            var scale = ScaleOf(current);
            JsonNode? desired;
            try
            {
                desired = request.Info.Verb == RequestVerb.Update ? body : mediaType switch
                {
                    "application/json-patch+json" => JsonPatch.Apply(scale, body),
                    "application/merge-patch+json" or "application/strategic-merge-patch+json" => JsonMergePatch.Apply(scale, body),
                    _ => throw ApiErrors.UnsupportedMediaType(mediaType),
                };
            }
            catch (PatchException e)
            {
                throw new ApiException((System.Net.HttpStatusCode)422, "Invalid", $"the patch could not be applied: {e.Message}");
            }

            if (desired?["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != current.Metadata.ResourceVersion)
            {
                throw ApiErrors.StaleResourceVersion(resource, request.Name!);
            }

            var replicas = desired?["spec"]?["replicas"];
            if (replicas is null || replicas.GetValueKind() != JsonValueKind.Number || replicas.GetValue<int>() < 0)
            {
                throw ApiErrors.Invalid(resource, request.Name!, [new StatusCause { Reason = "FieldValueInvalid", Field = "spec.replicas", Message = "must be a non-negative integer" }]);
            }

            SetReplicas(current, replicas.GetValue<int>());
            return current;
        }, request.DryRun, request.Aborted).ConfigureAwait(false);
        await WriteScaleAsync(request, result.Object).ConfigureAwait(false);
    }

    private static JsonObject ScaleOf(KubeObject obj)
    {
        var (replicas, current, selector) = obj switch
        {
            Deployment d => (d.Spec?.Replicas ?? 0, d.Status?.Replicas ?? 0, d.Spec?.Selector),
            ReplicaSet r => (r.Spec?.Replicas ?? 0, r.Status?.Replicas ?? 0, r.Spec?.Selector),
            _ => throw ApiErrors.BadRequest("scale applies to deployments and replica sets"),
        };
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = obj.Metadata.Name,
                ["namespace"] = obj.Metadata.Namespace,
                ["tenant"] = obj.Metadata.Tenant,
                ["uid"] = obj.Metadata.Uid,
                ["resourceVersion"] = obj.Metadata.ResourceVersion,
                ["creationTimestamp"] = obj.Metadata.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
            ["status"] = new JsonObject { ["replicas"] = current, ["selector"] = PodColumns.Selector(selector) },
        };
    }

    private static void SetReplicas(KubeObject obj, int replicas)
    {
        switch (obj)
        {
            case Deployment d:
                d.Spec!.Replicas = replicas;
                break;
            case ReplicaSet r:
                r.Spec!.Replicas = replicas;
                break;
        }
    }

    private static Task WriteScaleAsync(ApiRequest request, KubeObject obj) =>
        ApiResponse.WriteJsonAsync(request.Http.Response, 200, JsonSerializer.SerializeToUtf8Bytes(ScaleOf(obj)), request.Aborted);
}
