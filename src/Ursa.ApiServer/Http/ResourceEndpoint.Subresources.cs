using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ursa.Api.Serialization;
using Ursa.ApiServer.Errors;
using Ursa.ApiServer.Proxy;
using Ursa.ApiServer.Requests;
using PodActionObject = Ursa.Api.Core.Action;

namespace Ursa.ApiServer.Http;

public sealed partial class ResourceEndpoint
{
    private static readonly string[] Operations = ["reboot", "snapshot", "restore"];

    private Task HandleSubresourceAsync(ApiRequest request, string subresource)
    {
        if (!request.Resource.Subresources.Contains(subresource) || request.Name is null)
        {
            throw ApiErrors.UnknownResource(request.Info.Path);
        }

        return (subresource, request.Info.Verb) switch
        {
            ("status", RequestVerb.Get) => GetAsync(request),
            ("status", RequestVerb.Update) => UpdateAsync(request, "status"),
            ("status", RequestVerb.Patch) => PatchAsync(request, "status"),
            ("binding", RequestVerb.Create) => BindAsync(request),
            ("action", RequestVerb.Create) => CreateActionAsync(request),
            ("log" or "exec" or "attach", _) => NodeStreamAsync(request, subresource),
            ("scale", RequestVerb.Get or RequestVerb.Update or RequestVerb.Patch) => ScaleAsync(request),
            _ => throw ApiErrors.MethodNotAllowed($"{request.Http.Request.Method} is not supported on the {subresource} subresource of {request.Resource.Plural}"),
        };
    }

    /// <summary>The scheduler's write: sets spec.nodeName once and records PodScheduled=True.</summary>
    private async Task BindAsync(ApiRequest request)
    {
        var binding = await ReadBodyAsync(request, UrsaJsonContext.Default.Binding, "binding").ConfigureAwait(false);

        var node = binding.Target?.Name;
        if (string.IsNullOrEmpty(node))
        {
            throw ApiErrors.Invalid(request.Resource, request.Name!, [new StatusCause { Reason = "FieldValueRequired", Field = "target.name", Message = "Required value" }]);
        }

        await BindPodAsync(request.Resource, request.Tenant, request.Namespace, request.Name!, node, binding.Metadata?.Uid, request.DryRun, request.Aborted).ConfigureAwait(false);
        await ApiResponse.WriteSuccessStatusAsync(request.Http.Response, new StatusDetails(), request.Aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// POST pods/{name}/action (Arktos): validates the operation and records an Action for the node agent that
    /// owns the pod; the agent performs it and reports in the Action's status.
    /// </summary>
    private async Task CreateActionAsync(ApiRequest request)
    {
        var custom = await ReadBodyAsync(request, UrsaJsonContext.Default.CustomAction, "action").ConfigureAwait(false);

        var pods = request.Resource;
        if (custom.Operation is not { } operation || !Operations.Contains(operation))
        {
            throw ApiErrors.Invalid(pods, request.Name!, [new StatusCause
            {
                Reason = "FieldValueNotSupported", Field = "operation",
                Message = $"Unsupported value: \"{custom.Operation}\": supported values: \"reboot\", \"snapshot\", \"restore\"",
            }]);
        }

        if (operation == "restore" && string.IsNullOrEmpty(custom.RestoreParams?.SnapshotID))
        {
            throw ApiErrors.Invalid(pods, request.Name!, [new StatusCause { Reason = "FieldValueRequired", Field = "restoreParams.snapshotID", Message = "Required value" }]);
        }

        var (current, _) = await registry.GetAsync(pods, request.Tenant, request.Namespace, request.Name!, request.Aborted).ConfigureAwait(false);
        var pod = (Pod)current;
        if (pod.Spec?.VirtualMachine is null)
        {
            throw ApiErrors.BadRequest($"pod \"{request.Name}\" holds containers, not a virtual machine: actions apply to VM pods");
        }

        var action = new PodActionObject
        {
            Metadata = new ObjectMeta
            {
                GenerateName = $"{request.Name}-{operation}-",
                Labels = new() { ["ursa.io/pod"] = request.Name!, ["ursa.io/operation"] = operation },
                OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = request.Name, Uid = pod.Metadata.Uid }],
            },
            Spec = new ActionSpec
            {
                NodeName = pod.Spec.NodeName,
                PodAction = new PodAction
                {
                    PodName = request.Name,
                    PodID = pod.Metadata.Uid,
                    RebootAction = operation == "reboot" ? custom.RebootParams ?? new RebootParams() : null,
                    SnapshotAction = operation == "snapshot" ? custom.SnapshotParams ?? new SnapshotParams() : null,
                    RestoreAction = operation == "restore" ? custom.RestoreParams : null,
                },
            },
        };
        var actions = registry.Catalog.Get(string.Empty, "actions");
        var result = await registry.CreateAsync(actions, request.Tenant, request.Namespace, action, request.DryRun, request.Aborted).ConfigureAwait(false);
        await ApiResponse.WriteJsonAsync(request.Http.Response, 201, result.Json, request.Aborted).ConfigureAwait(false);
    }

    /// <summary>Reads a small request body (JSON or YAML) of a fixed type; malformed input is a 400.</summary>
    private static async Task<T> ReadBodyAsync<T>(ApiRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
        where T : class
    {
        var body = RequestBody.Decode(await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted).ConfigureAwait(false), RequestBody.MediaType(request.Http.Request));
        try
        {
            return body.Deserialize(type) ?? throw ApiErrors.BadRequest($"the {what} is null");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"invalid {what}: {e.Message}");
        }
    }

    /// <summary>
    /// logs, exec and attach are served by the node agent that runs the pod: resolve the container and the
    /// node's streaming endpoint here (errors are ordinary Status responses), then relay (see <see cref="NodeStreamProxy"/>).
    /// </summary>
    private async Task NodeStreamAsync(ApiRequest request, string subresource)
    {
        var (current, _) = await registry.GetAsync(request.Resource, request.Tenant, request.Namespace, request.Name!, request.Aborted).ConfigureAwait(false);
        var pod = (Pod)current;
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            throw ApiErrors.BadRequest($"pod {request.Name} does not have a host assigned");
        }

        var container = PodContainerDefaulting.Resolve(pod, request.Query("container"));
        if (NodeStreams is null)
        {
            Log.NodeStreamUnavailable(logger, subresource, request.Name!, pod.Spec.NodeName);
            throw ApiErrors.Unavailable($"cannot reach node \"{pod.Spec.NodeName}\" for {subresource}: this API server has no node client certificate");
        }

        var nodes = registry.Catalog.Get(string.Empty, "nodes");
        var (node, _) = await registry.GetAsync(nodes, null, null, pod.Spec.NodeName, request.Aborted).ConfigureAwait(false);
        var target = new NodeStreamTarget(
            pod.Spec.NodeName, NodeStreamTarget.EndpointOf((Node)node), request.Tenant ?? pod.Metadata.Tenant ?? string.Empty,
            request.Namespace!, request.Name!, container);
        if (subresource == "log")
        {
            await NodeStreams.ProxyLogsAsync(request.Http, target, request.Aborted).ConfigureAwait(false);
        }
        else
        {
            await NodeStreams.ProxyChannelAsync(request.Http, target, subresource, request.Aborted).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "{Subresource} of pod {Pod} asked, but no node client is configured to reach node {Node}")]
        public static partial void NodeStreamUnavailable(ILogger logger, string subresource, string pod, string node);
    }
}
