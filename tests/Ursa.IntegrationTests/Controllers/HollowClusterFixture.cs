using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.NodeAgent.Hollow;

namespace Ursa.IntegrationTests.Controllers;

/// <summary>
/// The in-process control plane (API server, scheduler, controllers) plus a fleet of hollow nodes labelled
/// <c>fleet={Fleet}</c>; test pods select that label so they land only on nodes that report them Running.
/// </summary>
public sealed class HollowClusterFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public SchedulingControlPlaneFixture Cluster { get; } = new();

    public string Fleet { get; } = "f" + Guid.NewGuid().ToString("N")[..6];

    public ApiClient Client { get; private set; } = null!;

    public HollowNodeFleet Nodes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        Client = new ApiClient(KubeconfigReader.Load(Cluster.KubeconfigPath));
        Nodes = new HollowNodeFleet(Client, new HollowNodeOptions
        {
            Count = 3,
            NamePrefix = Fleet,
            Labels = new() { ["fleet"] = Fleet },
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            Parallelism = 4,
        }, TimeProvider.System, NullLogger.Instance);
        await Nodes.RegisterAsync(CancellationToken.None);
        _running = Nodes.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        Client.Dispose();
        _stop.Dispose();
        await Cluster.DisposeAsync();
    }
}
