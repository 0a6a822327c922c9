using System.Collections.Concurrent;
using System.Net;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.Client.Rest;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// Many API clients creating pods at once, each create carrying a token of its own (an annotation) so that
/// a retry answered "AlreadyExists" can tell its own earlier attempt (which landed although the client never
/// heard so) from someone else's pod. Records every acknowledged create: name, uid and token.
/// </summary>
internal sealed class PodStorm(IApiClient client, string ns, int clients, int perClient)
{
    public const string TokenAnnotation = "test.ursa.dev/token";

    private readonly ConcurrentDictionary<string, Acknowledged> _acknowledged = new();
    private int _retried;
    private int _retriedAndLanded;

    public IReadOnlyDictionary<string, Acknowledged> Acknowledgements => _acknowledged;

    public int Total => clients * perClient;

    /// <summary>Creates that needed a client retry.</summary>
    public int Retried => Volatile.Read(ref _retried);

    /// <summary>Retries answered AlreadyExists with our own token: the first attempt landed unacknowledged.</summary>
    public int RetriedAndLanded => Volatile.Read(ref _retriedAndLanded);

    /// <summary>
    /// Runs the storm. A create that fails with 503/504 or a broken connection is retried at most
    /// <paramref name="maxRetries"/> times, <paramref name="retryPause"/> apart; any other failure, or one
    /// more retryable failure, fails the storm with the error.
    /// </summary>
    public Task RunAsync(int maxRetries, TimeSpan retryPause, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (int i = 0; i < perClient; i++)
            {
                string name = $"storm-{c:D2}-{i:D4}";
                Acknowledged ack = await CreateAsync(name, maxRetries, retryPause, cancellationToken);
                _acknowledged[name] = ack;
            }
        }, cancellationToken)));

    /// <summary>
    /// Lists the namespace and checks it against the acknowledged set: every acknowledged pod present with the
    /// uid and token it was acknowledged with, and no pod beyond them.
    /// </summary>
    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        ObjectList<Pod> list = await client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = ns }, cancellationToken);
        var stored = list.Items.Where(p => p.Metadata.Name!.StartsWith("storm-", StringComparison.Ordinal)).ToDictionary(p => p.Metadata.Name!);
        Assert.Equal(Total, _acknowledged.Count);
        var lost = _acknowledged.Keys.Where(name => !stored.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(lost.Count == 0, $"acknowledged but not stored: {string.Join(", ", lost.Take(20))}");
        var extra = stored.Keys.Where(name => !_acknowledged.ContainsKey(name)).ToList();
        Assert.True(extra.Count == 0, $"stored but never acknowledged: {string.Join(", ", extra.Take(20))}");
        foreach ((string name, Acknowledged ack) in _acknowledged)
        {
            Pod pod = stored[name];
            Assert.Equal(ack.Uid, pod.Metadata.Uid);
            Assert.Equal(ack.Token, pod.Metadata.Annotations?.GetValueOrDefault(TokenAnnotation));
        }
    }

    private async Task<Acknowledged> CreateAsync(string name, int maxRetries, TimeSpan retryPause, CancellationToken cancellationToken)
    {
        string token = Guid.NewGuid().ToString("N");
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns, Annotations = new() { [TokenAnnotation] = token } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest" }] },
        };
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Pod created = await client.CreateAsync(ResourceRef.Pods, pod, cancellationToken);
                return new Acknowledged(name, created.Metadata.Uid!, token, attempt);
            }
            catch (ApiStatusException error) when (error.IsAlreadyExists && attempt > 0)
            {
                Pod existing = await client.GetAsync<Pod>(ResourceRef.Pods, null, ns, name, cancellationToken);
                string? owner = existing.Metadata.Annotations?.GetValueOrDefault(TokenAnnotation);
                Assert.True(owner == token, $"{name}: AlreadyExists on retry, held by token {owner}, not ours ({token})");
                Interlocked.Increment(ref _retriedAndLanded);
                return new Acknowledged(name, existing.Metadata.Uid!, token, attempt);
            }
            catch (Exception error) when (IsRetryable(error) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= maxRetries)
                {
                    throw new InvalidOperationException($"create {name} failed after {attempt} retries: {error.Message}", error);
                }

                if (attempt == 0)
                {
                    Interlocked.Increment(ref _retried);
                }

                await Task.Delay(retryPause, cancellationToken);
            }
        }
    }

    private static bool IsRetryable(Exception error) => error switch
    {
        ApiStatusException status => status.Code is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        HttpRequestException or IOException => true,
        _ => false,
    };

    public sealed record Acknowledged(string Name, string Uid, string Token, int Retries);
}
