using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ursa.ApiServer.Auth;
using Ursa.ApiServer.Caching;
using Ursa.ApiServer.Discovery;
using Ursa.ApiServer.Http;
using Ursa.ApiServer.OpenApi;
using Ursa.ApiServer.Pki;
using Ursa.ApiServer.Proxy;
using Ursa.ApiServer.Registry;
using Ursa.ApiServer.Resources;
using Ursa.Storage;

namespace Ursa.ApiServer.Hosting;

/// <summary>
/// A running API server. Start-up is staged: PKI and tokens → watch caches loaded → system tenant ensured →
/// HTTPS listening. <see cref="DisposeAsync"/> stops accepting, ends watches, and stops the caches.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<WatchCache> _caches;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _background;
    private NodeStreamProxy? _nodeStreams;

    private ApiServerHost(WebApplication app, List<WatchCache> caches, Task compaction, Uri url, string adminToken, string caPem)
    {
        _app = app;
        _caches = caches;
        _background = compaction;
        Url = url;
        AdminToken = adminToken;
        CaPem = caPem;
    }

    public Uri Url { get; }

    public string AdminToken { get; }

    public string CaPem { get; }

    /// <summary>The admin kubeconfig (system tenant) for this server.</summary>
    public string AdminKubeconfig => Kubeconfig.Render(Url.ToString().TrimEnd('/'), CaPem, "admin", AdminToken);

    public static async Task<ApiServerHost> StartAsync(ApiServerOptions options, IStore store, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        options.Validate();
        Directory.CreateDirectory(options.DataDirectory);
        using var ca = CertificateAuthority.LoadOrCreate(Path.Combine(options.DataDirectory, "pki"), time);
        var serving = ca.IssueServingCertificate(time, options.BindAddress is "127.0.0.1" or "::1" ? [] : [options.BindAddress]);

        // The API server's identity towards node agents (logs, exec, attach), as Kubernetes' kubelet-client cert.
        var nodeStreams = new NodeStreamProxy(
            ca.IssueClientCertificate(time, NodeStreamProxy.ClientCommonName, "system:masters"),
            X509Certificate2.CreateFromPem(ca.CertificatePem), time, loggers.CreateLogger<NodeStreamProxy>());
        var tokenPath = Path.Combine(options.DataDirectory, "tokens.csv");
        var adminToken = TokenFile.EnsureAdmin(tokenPath);
        var tokens = TokenFile.Load(tokenPath);

        var catalog = ResourceCatalog.CreateDefault();
        var registry = new ObjectRegistry(catalog, store, time);
        var caches = catalog.All.Select(r => new WatchCache(r, store, loggers.CreateLogger($"Ursa.ApiServer.WatchCache.{r.Plural}"))).ToList();
        foreach (var cache in caches)
        {
            cache.Start();
        }

        await Task.WhenAll(caches.Select(c => c.Ready)).WaitAsync(cancellationToken).ConfigureAwait(false);
        await new TenantBootstrap(registry).EnsureSystemTenantAsync(cancellationToken).ConfigureAwait(false);

        var version = VersionJson(options.KubernetesMinor);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(options.BindAddress), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(serving);
            });
        });
        var app = builder.Build();
        var caLookup = caches.ToDictionary(c => c.Resource);
        registry.CachedLookup = (resource, key) => caLookup[resource].Get(key);
        var endpoint = new ResourceEndpoint(registry, caLookup, time, loggers.CreateLogger<ResourceEndpoint>()) { NodeStreams = nodeStreams };
        var dispatcher = new ApiDispatcher(
            catalog, endpoint, tokens, new DiscoveryDocuments(catalog, $"{options.BindAddress}:{options.Port}"),
            new OpenApiDocuments(catalog, $"v1.{options.KubernetesMinor}.0"), version, loggers.CreateLogger<ApiDispatcher>());
        endpoint.TenantCreated = tenant => new TenantBootstrap(registry).EnsureNamespacesAsync(tenant, CancellationToken.None);
        app.UseWebSockets();
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        var host = options.BindAddress.Contains(':') ? $"[{options.BindAddress}]" : options.BindAddress;
        var url = new Uri($"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}");
        var stop = new CancellationTokenSource();
        var compaction = Task.WhenAll(
            new Compactor(store, options.CompactionInterval, time, loggers.CreateLogger<Compactor>()).RunAsync(stop.Token),
            new NamespaceCleaner(registry, caLookup, TimeSpan.FromSeconds(5), loggers.CreateLogger<NamespaceCleaner>()).RunAsync(stop.Token));
        var result = new ApiServerHost(app, caches, compaction, url, adminToken, ca.CertificatePem) { _nodeStreams = nodeStreams };
        result._stop.Token.Register(stop.Cancel);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var cache in _caches)
        {
            await cache.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _background.ConfigureAwait(false);
        _nodeStreams?.Dispose();
        _stop.Dispose();
    }

    private static string VersionJson(int minor) => new JsonObject
    {
        ["major"] = "1",
        ["minor"] = minor.ToString(CultureInfo.InvariantCulture),
        ["gitVersion"] = $"v1.{minor}.0-ursa",
        ["gitCommit"] = "ursa",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-21T00:00:00Z",
        ["goVersion"] = "none",
        ["compiler"] = "dotnet",
        ["platform"] = "linux/amd64",
    }.ToJsonString();
}
