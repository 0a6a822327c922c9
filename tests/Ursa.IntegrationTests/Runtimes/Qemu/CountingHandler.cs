using System.Collections.Concurrent;

namespace Ursa.IntegrationTests.Runtimes.Qemu;

/// <summary>Records the path of every request the store's HttpClient sends.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<string> Paths { get; } = new();

    public int Count(string fragment) => Paths.Count(p => p.Contains(fragment, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Paths.Enqueue(request.RequestUri!.AbsolutePath);
        return base.SendAsync(request, cancellationToken);
    }
}
