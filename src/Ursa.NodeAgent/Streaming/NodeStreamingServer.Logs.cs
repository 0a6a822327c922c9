using Microsoft.AspNetCore.Http;
using Ursa.NodeAgent.Streaming.Internal;

namespace Ursa.NodeAgent.Streaming;

public sealed partial class NodeStreamingServer
{
    /// <summary>GET /containerLogs/...: the log as text/plain, streamed (chunked, flushed per write).</summary>
    private async Task ServeLogsAsync(HttpContext context, ContainerTarget target)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw new PodStreamingException(System.Net.HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{context.Request.Method} is not supported on container logs");
        }

        var request = NodeStreamRoute.ParseLogs(target, context.Request.Query);
        Log.ServingLogs(_logger, target.ToString(), request.Follow);
        context.Response.ContentType = "text/plain";
        await _backend.ReadLogsAsync(request, new FlushingResponseStream(context.Response.Body), context.RequestAborted).ConfigureAwait(false);
    }
}
