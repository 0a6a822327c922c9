using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Ursa.ApiServer.Proxy;

public sealed partial class NodeStreamProxy
{
    private static readonly string[] LogParameters = ["follow", "tailLines", "previous", "timestamps", "sinceSeconds", "limitBytes"];

    /// <summary>
    /// GET pods/{name}/log: asks the node and streams its answer back as it comes (the node's Status and code on
    /// failure). <c>sinceTime</c> is turned into <c>sinceSeconds</c> here, where the request's clock is.
    /// </summary>
    public async Task ProxyLogsAsync(HttpContext context, NodeStreamTarget target, CancellationToken cancellationToken)
    {
        var query = QueryString.Create(LogParameters
            .Where(p => context.Request.Query.ContainsKey(p))
            .Select(p => new KeyValuePair<string, string?>(p, context.Request.Query[p].ToString()))
            .Concat(SinceTimeAsSeconds(context.Request.Query["sinceTime"].ToString())));
        var url = target.Url("containerLogs", query.Value ?? string.Empty);
        Log.Relaying(_logger, "logs", target.Pod, target.NodeName, target.Endpoint.Authority);

        HttpResponseMessage response;
        using (var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // The node answers when it has the first bytes of log (or knows the container is missing), so a
            // followed log of a quiet container has no headers for as long as it stays quiet: no deadline then.
            var follow = context.Request.Query["follow"].ToString() is "true" or "1";
            if (!follow)
            {
                headers.CancelAfter(ResponseTimeout);
            }

            try
            {
                response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var why = e is HttpRequestException ? (e.InnerException ?? e).Message : $"no answer within {ResponseTimeout.TotalSeconds:0} s";
                Log.Unreachable(_logger, target.NodeName, target.Endpoint.Authority, "logs", why);
                throw NodeStreamErrors.Unreachable(target, "logs", why);
            }
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await CopyFlushingAsync(body, context.Response.Body, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies, flushing after every read so a followed log reaches kubectl line by line.</summary>
    private static async Task CopyFlushingAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await to.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private IEnumerable<KeyValuePair<string, string?>> SinceTimeAsSeconds(string sinceTime)
    {
        if (string.IsNullOrEmpty(sinceTime) || !DateTimeOffset.TryParse(sinceTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            yield break;
        }

        var seconds = Math.Max(1, (long)Math.Ceiling((_time.GetUtcNow() - since).TotalSeconds));
        yield return new("sinceSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
