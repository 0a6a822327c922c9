using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ursa.NodeAgent.Streaming.Internal;

namespace Ursa.NodeAgent.Streaming;

/// <summary>
/// The node's streaming endpoint (the kubelet's port 10250 role): logs as a plain-text HTTP stream, exec and
/// attach as WebSockets speaking the channel protocol, all over HTTPS with client certificates from the cluster
/// CA. The work is done by an <see cref="IPodStreamingBackend"/>.
/// <code>
/// kubectl ──wss v5──▶ API server ──wss v5/v4, client cert──▶ NodeStreamingServer ──▶ IPodStreamingBackend ──▶ CRI / QEMU
/// </code>
/// </summary>
public sealed partial class NodeStreamingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IPodStreamingBackend _backend;
    private readonly NodeStreamingOptions _options;
    private readonly ILogger _logger;

    private NodeStreamingServer(WebApplication app, IPodStreamingBackend backend, NodeStreamingOptions options, ILogger logger)
    {
        _app = app;
        _backend = backend;
        _options = options;
        _logger = logger;
    }

    /// <summary>The port listened on (the one chosen when <see cref="NodeStreamingOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    /// <summary>Starts listening; returns once connections are accepted.</summary>
    public static async Task<NodeStreamingServer> StartAsync(NodeStreamingOptions options, IPodStreamingBackend backend, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        options.Validate();
        var authority = options.ClientCertificateAuthority!;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                // WebSockets over HTTP/1.1: what the API server's client (and the kubelet's) speaks.
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = options.ServingCertificate,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (certificate, _, _) => ClientCertificateCheck.IsTrusted(certificate, authority, options.AllowedClientNames),
                });
            });
        });
        var app = builder.Build();
        app.UseWebSockets();
        var server = new NodeStreamingServer(app, backend, options, loggers.CreateLogger<NodeStreamingServer>());
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = int.Parse(address[(address.LastIndexOf(':') + 1)..].TrimEnd('/'), CultureInfo.InvariantCulture);
        Log.Listening(server._logger, options.Address.ToString(), server.Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var route = NodeStreamRoute.Parse(context.Request.Path.Value ?? "/");
        try
        {
            switch (route)
            {
                case null:
                    await WriteStatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"no streaming endpoint at {context.Request.Path}").ConfigureAwait(false);
                    break;
                case ({ } kind, var target) when kind == NodeStreamRoute.Logs:
                    await ServeLogsAsync(context, target).ConfigureAwait(false);
                    break;
                case ({ } kind, var target):
                    await ServeSessionAsync(context, kind, target).ConfigureAwait(false);
                    break;
            }
        }
        catch (PodStreamingException e) when (!context.Response.HasStarted)
        {
            await WriteStatusAsync(context, e.Code, e.Reason, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e)
        {
            Log.Failed(_logger, context.Request.Path.Value ?? "/", e);
            if (!context.Response.HasStarted)
            {
                await WriteStatusAsync(context, HttpStatusCode.InternalServerError, "InternalError", e.Message).ConfigureAwait(false);
            }
            else
            {
                context.Abort();
            }
        }
    }

    private static Task WriteStatusAsync(HttpContext context, HttpStatusCode code, string reason, string message)
    {
        var json = ChannelStatus.Failure(message, reason, (int)code);
        context.Response.StatusCode = (int)code;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}
