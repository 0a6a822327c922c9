using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Api.Core;
using Ursa.Api.Meta;
using Ursa.ApiServer.Hosting;
using Ursa.Cli;
using Ursa.Client.Connection;
using Ursa.Client.Rest;
using Ursa.IntegrationTests.Infrastructure;
using Ursa.Storage.Etcd;
using Xunit.Abstractions;

namespace Ursa.IntegrationTests.Storage.Etcd;

/// <summary>
/// The API server on etcd under faults, driven through the API as clients see it: a create storm while an etcd
/// member (the leader) is killed, while the API server itself is killed and restarted, and the whole etcd
/// cluster frozen or stopped for 10 s. Each checks the stored pods against the acknowledged creates at the end.
/// </summary>
public sealed class ApiOnEtcdFaultTests(ITestOutputHelper output)
{
    private const string Namespace = "default";
    private const int Clients = 64;

    // The etcd store's event ids (EtcdEndpoints, EtcdStore.Log).
    private const int EndpointFailed = 1301;
    private const int RetrySucceeded = 1302;
    private const int EarlierAttemptLanded = 1313;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KillEtcdLeaderDuringCreateStorm_ApiKeepsServingWithAtMostOneClientRetry()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        await using var etcd = await EtcdCluster.StartAsync(size: 3);
        int leader = await etcd.LeaderIndexAsync();
        EtcdStoreOptions options = etcd.StoreOptions();
        // The leader first: the API server's calls all go to it, so its death breaks every call in flight
        // (unknown outcomes) and the survivors must elect a new leader before any write can land.
        options.Endpoints = [.. Enumerable.Range(0, etcd.Size).Select(i => etcd.ClientEndpoints[(leader + i) % etcd.Size])];
        using var dir = new TestDirectory("etcd-kill-leader");
        using var log = new EtcdStoreLogRecorder();
        await using var plane = await StartControlPlaneAsync(dir, options, ct, log);
        using var client = new ApiClient(new ClusterConnection(plane.Api.Url, plane.Api.CaPem, plane.Api.AdminToken));
        ObjectList<Pod> before = await client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = Namespace }, ct);
        await using var watch = new PodWatchRecorder(client, Namespace, before.ResourceVersion);

        var storm = new PodStorm(client, Namespace, Clients, perClient: 20);
        Task running = storm.RunAsync(maxRetries: 1, retryPause: TimeSpan.FromMilliseconds(100), ct);
        await WaitForAcknowledgedAsync(storm, running, storm.Total / 4);
        await etcd.KillAsync(leader);
        int atKill = storm.Acknowledgements.Count;
        await running.WaitAsync(Deadline, ct);

        output.WriteLine($"killed leader m{leader} after {atKill} of {storm.Total} creates; client retries {storm.Retried} ({storm.RetriedAndLanded} had landed)");
        output.WriteLine($"store: {log.Count(RetrySucceeded)} calls succeeded on retry, {log.Count(EarlierAttemptLanded)} writes found their earlier attempt landed");
        foreach ((int id, string message) in log.Entries.Where(e => e.EventId is EndpointFailed or EarlierAttemptLanded).Take(5))
        {
            output.WriteLine($"  {id}: {message}");
        }

        Assert.True(atKill < storm.Total, "the storm finished before the kill; the test proved nothing");
        Assert.True(log.Count(EndpointFailed) > 0, "the store never failed over: the kill did not reach it");
        await storm.VerifyAsync(ct);
        await watch.WaitForAddedAsync([.. storm.Acknowledgements.Keys], Deadline, "every acknowledged create");
        AssertAddedOnce(watch);
    }

    [Fact]
    public async Task KillApiServerDuringCreateStormAndRestart_EveryAcknowledgedPodStoredOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        await using var etcd = await EtcdCluster.StartAsync();
        using var dir = new TestDirectory("etcd-kill-api");
        string data = Path.Combine(dir.Path, "data");
        string[] flags = ["--etcd-servers", etcd.ClientEndpoints[0].ToString().TrimEnd('/'), "--disable-scheduler", "--disable-controllers"];
        UrsaServerProcess server = await UrsaServerProcess.StartAsync(data, extraArguments: flags);
        try
        {
            using var client = new ApiClient(KubeconfigReader.Load(server.KubeconfigPath));
            var storm = new PodStorm(client, Namespace, Clients, perClient: 15);
            // Clients ride out the restart: a broken connection or a refused one is retried every 100 ms.
            Task running = storm.RunAsync(maxRetries: 600, retryPause: TimeSpan.FromMilliseconds(100), ct);
            await WaitForAcknowledgedAsync(storm, running, storm.Total / 4);
            await server.KillAsync();
            int atKill = storm.Acknowledgements.Count;
            await server.DisposeAsync();
            server = await UrsaServerProcess.StartAsync(data, server.Port, flags);
            await running.WaitAsync(Deadline, ct);

            output.WriteLine($"killed the API server after {atKill} of {storm.Total} creates; {storm.Retried} creates retried, {storm.RetriedAndLanded} of them had landed before the kill");
            Assert.True(atKill < storm.Total, "the storm finished before the kill; the test proved nothing");
            Assert.True(storm.Retried > 0, "no create was retried: the kill did not interrupt the storm");
            await storm.VerifyAsync(ct);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// The whole cluster out for 10 s, two ways: <c>frozen</c> (SIGSTOP: connections stay open and nothing answers, the
    /// hardest case for a client — no RST, no refusal) and <c>stopped</c> (every member shut down, connections refused,
    /// then started again from its data directory, so the store must reconnect and the watch resume from a new stream).
    /// </summary>
    [Theory]
    [InlineData("frozen")]
    [InlineData("stopped")]
    public async Task WholeEtcdClusterOutFor10s_ApiAnswers503Or504ThenRecoversAndTheWatchMissesNothing(string outageKind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        CancellationToken ct = timeout.Token;
        await using var etcd = await EtcdCluster.StartAsync(size: 3);
        EtcdStoreOptions options = etcd.StoreOptions();
        options.RequestTimeout = TimeSpan.FromSeconds(3);
        using var dir = new TestDirectory("etcd-outage");
        await using var plane = await StartControlPlaneAsync(dir, options, ct);
        using var client = new ApiClient(new ClusterConnection(plane.Api.Url, plane.Api.CaPem, plane.Api.AdminToken));
        ObjectList<Pod> start = await client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = Namespace }, ct);
        await using var watch = new PodWatchRecorder(client, Namespace, start.ResourceVersion);
        var expected = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            expected.Add((await client.CreateAsync(ResourceRef.Pods, NewPod($"before-{i}"), ct)).Metadata.Name!);
        }

        await watch.WaitForAddedAsync(expected, Deadline, "the pods created before the outage");

        if (outageKind == "frozen")
        {
            await etcd.PauseAllAsync();
        }
        else
        {
            await etcd.StopAllAsync();
        }

        var outage = Stopwatch.StartNew();
        int probes = 0;
        try
        {
            while (outage.Elapsed < TimeSpan.FromSeconds(10))
            {
                await ExpectUnavailableAsync(() => client.CreateAsync(ResourceRef.Pods, NewPod($"outage-{probes}"), ct), options.RequestTimeout, $"create outage-{probes}");
                await ExpectUnavailableAsync(() => client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = Namespace }, ct), options.RequestTimeout, "consistent list");
                probes++;
            }
        }
        finally
        {
            if (outageKind == "frozen")
            {
                await etcd.ResumeAllAsync();
            }
            else
            {
                await etcd.StartStoppedAsync();
            }
        }

        output.WriteLine($"{probes} create+list probe pairs during the {outage.Elapsed.TotalSeconds:0.0} s {outageKind} outage, all 503/504");
        Assert.True(probes >= 2, $"only {probes} probes during the outage");

        // Recovers on its own: no restart, no intervention.
        var recovery = Stopwatch.StartNew();
        Pod firstAfter = await Eventually.UntilAsync(
            async () => await TryCreateAsync(NewPod("after-recovery"), ct),
            created => created is not null,
            Deadline,
            _ => "a create to succeed after etcd resumed") ?? throw new InvalidOperationException("unreachable");
        output.WriteLine($"first create succeeded {recovery.Elapsed.TotalSeconds:0.0} s after etcd resumed");
        expected.Add(firstAfter.Metadata.Name!);
        Pod[] after = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.CreateAsync(ResourceRef.Pods, NewPod($"after-{i}"), ct)));
        expected.AddRange(after.Select(p => p.Metadata.Name!));

        await watch.WaitForAddedAsync(expected, Deadline, "every pod created before and after the outage");
        output.WriteLine($"watch opened before the outage: {watch.Events.Count} events, {watch.Rewatches} rewatches");
        AssertAddedOnce(watch);
        ObjectList<Pod> final = await client.ListAsync<Pod>(ResourceRef.Pods, new ListOptions { Namespace = Namespace }, ct);
        Assert.Empty(expected.Except(final.Items.Select(p => p.Metadata.Name!)));

        async Task<Pod?> TryCreateAsync(Pod pod, CancellationToken token)
        {
            try
            {
                return await client.CreateAsync(ResourceRef.Pods, pod, token);
            }
            catch (ApiStatusException error) when (error.Code is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                return null;
            }
        }
    }

    private static Task<ControlPlane> StartControlPlaneAsync(TestDirectory dir, EtcdStoreOptions etcd, CancellationToken ct, ILoggerFactory? loggers = null) =>
        ControlPlane.StartAsync(new ApiServerOptions { DataDirectory = dir.Path, Port = 0 }, loggers ?? NullLoggerFactory.Instance, ct, withScheduler: false, etcd, withControllers: false);

    private static Pod NewPod(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
        Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "ursa.local/busybox:latest" }] },
    };

    /// <summary>The call must fail with 503 or 504 and a Status that says why, within the store's request timeout (+2 s of slack).</summary>
    private static async Task ExpectUnavailableAsync(Func<Task> call, TimeSpan requestTimeout, string what)
    {
        TimeSpan limit = requestTimeout + TimeSpan.FromSeconds(2);
        var elapsed = Stopwatch.StartNew();
        Task attempt = call();
        Task first = await Task.WhenAny(attempt, Task.Delay(limit + TimeSpan.FromSeconds(5)));
        Assert.True(first == attempt, $"{what} hung for more than {(limit + TimeSpan.FromSeconds(5)).TotalSeconds:0} s during the outage");
        var error = await Assert.ThrowsAsync<ApiStatusException>(() => attempt);
        Assert.True(error.Code is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout, $"{what}: {(int)error.Code} {error.Reason}: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.Reason), $"{what}: no reason in the Status");
        Assert.Contains("etcd", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed.Elapsed < limit, $"{what} took {elapsed.Elapsed.TotalSeconds:0.0} s to fail, over {limit.TotalSeconds:0} s");
    }

    private static async Task WaitForAcknowledgedAsync(PodStorm storm, Task running, int count)
    {
        var until = DateTime.UtcNow + Deadline;
        while (storm.Acknowledgements.Count < count)
        {
            if (running.IsFaulted)
            {
                await running;
            }

            Assert.True(DateTime.UtcNow < until, $"only {storm.Acknowledgements.Count} of {count} creates acknowledged within {Deadline.TotalSeconds:0} s before the fault");
            await Task.Delay(5);
        }
    }

    private static void AssertAddedOnce(PodWatchRecorder watch)
    {
        var duplicated = watch.AddedCounts().Where(pair => pair.Value > 1).Select(pair => $"{pair.Key} x{pair.Value}").ToList();
        Assert.True(duplicated.Count == 0, $"pods added more than once: {string.Join(", ", duplicated.Take(10))}");
    }
}
