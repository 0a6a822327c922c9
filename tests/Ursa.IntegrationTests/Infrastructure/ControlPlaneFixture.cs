using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.ApiServer.Hosting;
using Ursa.Cli;
using Ursa.Client.Connection;
using Ursa.Storage.Etcd;

namespace Ursa.IntegrationTests.Infrastructure;

/// <summary>A real control plane (SQLite store, or etcd in a subclass, + HTTPS API server) in this process, on a free port, in a temp dir.</summary>
public class ControlPlaneFixture : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("cp");
    private ControlPlane? _plane;

    public ControlPlane Plane => _plane ?? throw new InvalidOperationException("not started");

    /// <summary>
    /// The shared API fixture runs without the scheduler, so tests that compare resource versions are not
    /// disturbed by its status writes; <see cref="SchedulingControlPlaneFixture"/> runs it.
    /// </summary>
    protected virtual bool WithScheduler => false;

    /// <summary>Where the control plane keeps its state: null (the default) for the embedded SQLite store.</summary>
    protected virtual Task<EtcdStoreOptions?> StartEtcdAsync() => Task.FromResult<EtcdStoreOptions?>(null);

    public string KubeconfigPath => Path.Combine(_directory.Path, "kubeconfig");

    public string DataDirectory => Path.Combine(_directory.Path, "data");

    public Uri Url => Plane.Api.Url;

    /// <summary>A bearer token of user "alice" in tenant "acme" (a regular tenant), written before start.</summary>
    public const string AcmeToken = "acme-token-for-tests";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "tokens.csv"), $"{AcmeToken},alice,acme\n");
        var etcd = await StartEtcdAsync();
        _plane = await ControlPlane.StartAsync(new ApiServerOptions { DataDirectory = DataDirectory, Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None, WithScheduler, etcd);
        _plane.WriteKubeconfig(KubeconfigPath);
    }

    public virtual async Task DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }

        _directory.Dispose();
    }

    /// <summary>An HTTP client that trusts the cluster CA and carries the admin token (or none).</summary>
    public HttpClient CreateClient(string? token = null, bool admin = true) => CreateClient(Url, Plane.Api.CaPem, admin ? Plane.Api.AdminToken : token);

    public static HttpClient CreateClient(Uri url, string caPem, string? token)
    {
        var handler = ClusterTrust.CreateHandler(caPem);
        var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Runs kubectl against this control plane.</summary>
    public Task<CommandResult> KubectlAsync(params string[] args) => KubectlWithAsync(RepoPaths.Kubectl, null, args);

    public Task<CommandResult> KubectlWithAsync(string kubectl, string? stdin, params string[] args) =>
        ProcessRunner.RunAsync(kubectl, ["--kubeconfig", KubeconfigPath, .. args], stdin, TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["KUBECACHEDIR"] = Path.Combine(_directory.Path, "kubecache"), ["HOME"] = _directory.Path });
}
