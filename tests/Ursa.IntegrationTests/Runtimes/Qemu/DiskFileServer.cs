using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>Serves disk files over http on 127.0.0.1 like a plain web server: Content-Length, an ETag per
/// content, 304 for a matching If-None-Match, 404 otherwise; /private/* answers 401. A test can hold every
/// body until it opens <see cref="Gate"/>.</summary>
internal sealed class DiskFileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    private DiskFileServer(LoopbackHttpServer http) => Http = http;

    public LoopbackHttpServer Http { get; }

    public TaskCompletionSource? Gate { get; set; }

    public static async Task<DiskFileServer> StartAsync()
    {
        DiskFileServer? server = null;
        LoopbackHttpServer http = await LoopbackHttpServer.StartAsync(context => server!.ServeAsync(context));
        server = new DiskFileServer(http);
        return server;
    }

    public string Add(string urlPath, string file)
    {
        _files[urlPath] = file;
        return new Uri(Http.BaseAddress, urlPath).AbsoluteUri;
    }

    public ValueTask DisposeAsync() => Http.DisposeAsync();

    private async Task ServeAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/private/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!_files.TryGetValue(path, out string? file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        byte[] content = await File.ReadAllBytesAsync(file);
        string etag = "\"" + DiskFiles.Digest(file)[7..23] + "\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        context.Response.Headers.ETag = etag;
        context.Response.ContentLength = content.Length;
        // In 64 KiB writes, so the client sees the body arrive in pieces as from a real server.
        for (int offset = 0; offset < content.Length; offset += 65536)
        {
            await context.Response.Body.WriteAsync(content.AsMemory(offset, Math.Min(65536, content.Length - offset)));
            await context.Response.Body.FlushAsync();
        }
    }
}
