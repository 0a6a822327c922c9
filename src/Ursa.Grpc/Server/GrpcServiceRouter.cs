using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Ursa.Grpc.Server;

/// <summary>
/// Serves gRPC methods from Kestrel (HTTP/2, prior knowledge) with the framing of <see cref="GrpcFrame"/>: each
/// method is a path <c>/package.Service/Method</c> mapped to a handler. Used as terminal middleware
/// (<c>app.Run(router.HandleAsync)</c>).
/// </summary>
/// <remarks>
/// A handler reports a failure by throwing <see cref="GrpcException"/> (its code and detail become
/// <c>grpc-status</c>/<c>grpc-message</c>); any other exception is <see cref="GrpcStatusCode.Unknown"/> with the
/// exception's message, and cancellation by the client is <see cref="GrpcStatusCode.Cancelled"/>. Status always
/// travels in trailers. Registration is not thread-safe: register everything, then <see cref="Freeze"/>.
/// </remarks>
public sealed class GrpcServiceRouter
{
    /// <summary>Largest request message accepted.</summary>
    public const int MaxMessageSize = 16 * 1024 * 1024;

    private readonly Dictionary<string, Func<HttpContext, Task>> _building = new(StringComparer.Ordinal);
    private FrozenDictionary<string, Func<HttpContext, Task>>? _methods;

    /// <summary>Maps a unary method.</summary>
    public GrpcServiceRouter Unary<TRequest, TResponse>(string service, string method, MessageParser<TRequest> parser, Func<TRequest, CancellationToken, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        Add(service, method, async context =>
        {
            var ct = context.RequestAborted;
            var payload = await GrpcFrame.ReadAsync(context.Request.Body, MaxMessageSize, ct).ConfigureAwait(false)
                ?? throw new GrpcException(GrpcStatusCode.Internal, "request carried no message");
            var response = await handler(parser.ParseFrom(payload), ct).ConfigureAwait(false);
            await WriteAsync(context, response, ct).ConfigureAwait(false);
        });
        return this;
    }

    /// <summary>Maps a bidirectional streaming method: the handler reads requests and writes responses until it returns.</summary>
    public GrpcServiceRouter Duplex<TRequest, TResponse>(string service, string method, MessageParser<TRequest> parser, Func<IAsyncEnumerable<TRequest>, Func<TResponse, CancellationToken, Task>, CancellationToken, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handler);
        Add(service, method, async context =>
        {
            var ct = context.RequestAborted;
            var writeLock = new SemaphoreSlim(1, 1);
            await handler(ReadAllAsync(context.Request.Body, parser, ct), async (response, token) =>
            {
                await writeLock.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    await WriteAsync(context, response, token).ConfigureAwait(false);
                }
                finally
                {
                    writeLock.Release();
                }
            }, ct).ConfigureAwait(false);
        });
        return this;
    }

    /// <summary>Ends registration; later registrations throw.</summary>
    public GrpcServiceRouter Freeze()
    {
        _methods ??= _building.ToFrozenDictionary(StringComparer.Ordinal);
        return this;
    }

    /// <summary>Handles one HTTP request: dispatches a gRPC call or answers with the right status.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var methods = Freeze()._methods!;
        var response = context.Response;
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            response.StatusCode = (int)HttpStatusCode.UnsupportedMediaType;
            return;
        }

        response.StatusCode = (int)HttpStatusCode.OK;
        response.ContentType = "application/grpc";
        if (!methods.TryGetValue(context.Request.Path.Value ?? string.Empty, out var call))
        {
            SetStatus(context, GrpcStatusCode.Unimplemented, $"method {context.Request.Path} is not served here");
            return;
        }

        try
        {
            await call(context).ConfigureAwait(false);
            SetStatus(context, GrpcStatusCode.OK, null);
        }
        catch (GrpcException e)
        {
            SetStatus(context, e.StatusCode, e.Detail);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            SetStatus(context, GrpcStatusCode.Cancelled, "the client cancelled the call");
        }
        catch (InvalidProtocolBufferException e)
        {
            SetStatus(context, GrpcStatusCode.Internal, $"malformed request message: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SetStatus(context, GrpcStatusCode.Unknown, e.Message);
        }
    }

    private void Add(string service, string method, Func<HttpContext, Task> call)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (_methods is not null)
        {
            throw new InvalidOperationException("the router is frozen: register every method before serving");
        }

        _building.Add($"/{service}/{method}", call);
    }

    private static async Task WriteAsync(HttpContext context, IMessage message, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(GrpcFrame.Encode(message), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<TRequest> ReadAllAsync<TRequest>(Stream body, MessageParser<TRequest> parser, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
    {
        while (await GrpcFrame.ReadAsync(body, MaxMessageSize, cancellationToken).ConfigureAwait(false) is { } payload)
        {
            yield return parser.ParseFrom(payload);
        }
    }

    /// <summary>Status goes in trailers (HTTP/2 always has them); headers only where trailers are unsupported.</summary>
    private static void SetStatus(HttpContext context, GrpcStatusCode code, string? message)
    {
        var response = context.Response;
        Action<string, string> set = response.SupportsTrailers()
            ? (name, value) => response.AppendTrailer(name, value)
            : (name, value) => response.Headers[name] = value;
        set("grpc-status", ((int)code).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(message))
        {
            set("grpc-message", Uri.EscapeDataString(message));
        }
    }
}
