using Ursa.Qmp;

namespace Ursa.UnitTests.Qmp;

/// <summary>A <see cref="QmpClient"/> connected to a <see cref="FakeQmpServer"/>; disposes both.</summary>
internal sealed class FakeQmpConnection(FakeQmpServer server, QmpClient client) : IAsyncDisposable
{
    public FakeQmpServer Server { get; } = server;

    public QmpClient Client { get; } = client;

    public static async Task<FakeQmpConnection> OpenAsync(TimeProvider? timeProvider = null)
    {
        var server = FakeQmpServer.Start();
        using var deadline = new CancellationTokenSource(FakeQmpServer.Deadline);
        var connecting = QmpClient.ConnectAsync(server.SocketPath, null, timeProvider, deadline.Token);
        await server.AcceptAsync();
        return new FakeQmpConnection(server, await connecting);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
