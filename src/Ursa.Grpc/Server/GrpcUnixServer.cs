using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ursa.Grpc.Server;

/// <summary>
/// A Kestrel server speaking gRPC (HTTP/2 with prior knowledge) on a unix socket, serving one
/// <see cref="GrpcServiceRouter"/>. The socket file is replaced when stale and removed on dispose.
/// </summary>
public sealed class GrpcUnixServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcUnixServer(WebApplication app, string socketPath)
    {
        _app = app;
        SocketPath = socketPath;
    }

    /// <summary>The socket this server listens on.</summary>
    public string SocketPath { get; }

    /// <summary>Starts serving <paramref name="router"/> on <paramref name="socketPath"/>.</summary>
    /// <param name="socketPath">Path of the unix socket (its directory is created).</param>
    /// <param name="router">The methods served.</param>
    /// <param name="loggerFactory">Where Kestrel logs (null: nowhere).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<GrpcUnixServer> StartAsync(string socketPath, GrpcServiceRouter router, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentNullException.ThrowIfNull(router);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(socketPath))!);
        File.Delete(socketPath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(router.Freeze().HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new GrpcUnixServer(app, socketPath);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        File.Delete(SocketPath);
    }
}
