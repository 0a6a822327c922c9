using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>
/// A registry of one repository, <c>guest/disk</c>, served by Kestrel on 127.0.0.1 from bytes the test builds: tag
/// <c>v1</c> is a multi-platform index (arm64 + amd64) over an image manifest with one uncompressed tar layer.
/// Lets a test do what a real registry will not: serve a tampered blob, ask for authentication.
/// </summary>
internal sealed class FakeRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, (string Type, byte[] Body)> _content = new(StringComparer.Ordinal);

    private FakeRegistry(LoopbackHttpServer http) => Http = http;

    public LoopbackHttpServer Http { get; }

    public string Address => $"127.0.0.1:{Http.Port}";

    /// <summary>When set, blob responses have their last byte flipped (same size, other digest).</summary>
    public bool TamperBlobs { get; set; }

    public static async Task<FakeRegistry> StartAsync()
    {
        FakeRegistry? registry = null;
        LoopbackHttpServer http = await LoopbackHttpServer.StartAsync(context => registry!.ServeAsync(context));
        registry = new FakeRegistry(http);
        return registry;
    }

    /// <summary>A tar layer with the given files (name → bytes; null bytes make a directory).</summary>
    public static byte[] Tar(params (string Name, byte[]? Data)[] files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach ((string name, byte[]? data) in files)
            {
                var entry = new PaxTarEntry(data is null ? TarEntryType.Directory : TarEntryType.RegularFile, name);
                if (data is not null)
                {
                    entry.DataStream = new MemoryStream(data);
                }

                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Publishes <paramref name="layer"/> as tag <c>v1</c> (behind an index); returns the manifest digest.</summary>
    public string Publish(byte[] layer)
    {
        string layerDigest = Add("application/octet-stream", layer);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Add("application/json", "{}"u8.ToArray()), ["size"] = 2 },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar", ["digest"] = layerDigest, ["size"] = layer.Length }),
        };
        byte[] manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        string manifestDigest = Add("application/vnd.oci.image.manifest.v1+json", manifestBytes);
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = new JsonArray(
                Entry("sha256:" + new string('a', 64), "arm64"),
                Entry(manifestDigest, "amd64")),
        };
        _content["v1"] = ("application/vnd.oci.image.index.v1+json", Encoding.UTF8.GetBytes(index.ToJsonString()));
        return manifestDigest;

        static JsonObject Entry(string digest, string architecture) => new()
        {
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["digest"] = digest,
            ["size"] = 100,
            ["platform"] = new JsonObject { ["os"] = "linux", ["architecture"] = architecture },
        };
    }

    public ValueTask DisposeAsync() => Http.DisposeAsync();

    private string Add(string type, byte[] body)
    {
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        _content[digest] = (type, body);
        return digest;
    }

    private async Task ServeAsync(HttpContext context)
    {
        string[] parts = (context.Request.Path.Value ?? "").Split('/');
        // /v2/guest/disk/{manifests|blobs}/{reference}; /v2/secret/... wants credentials.
        if (parts is not ["", "v2", var ns, "disk", var kind, var reference] || !_content.TryGetValue(reference, out var item))
        {
            context.Response.StatusCode = parts is [_, _, "secret", ..] ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
            return;
        }

        if (ns != "guest")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        byte[] body = item.Body;
        if (kind == "blobs" && TamperBlobs)
        {
            body = [.. body];
            body[^1] ^= 0xff;
        }

        context.Response.ContentType = item.Type;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }
}
