using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ursa.Benchmarks.Api;
using Ursa.Storage;
using Ursa.Storage.Etcd;

namespace Ursa.Benchmarks.Etcd;

/// <summary>
/// <c>ursa bench etcd-ratio</c>: on one etcd member it starts itself, the rate of raw <c>KV.Put</c>s against the
/// rate of pod creates through an <c>ursa server</c> on that etcd, both at the same concurrency, and their ratio
/// (the target: creates at least 0.5× raw puts). Between the two it measures <see cref="EtcdStore"/>
/// creates directly (the guarded transaction each API create costs) to show where the gap is.
/// <code>
///   this process ──gRPC (Ursa.Grpc)──────────────────────────────▶ etcd      raw puts, store creates
///   this process ──HTTPS──▶ ursa server ──gRPC (EtcdStore)───────▶ etcd      API creates
/// </code>
/// Raw puts run twice, before and after the API phase, and their mean is the baseline, because on a shared
/// 2-core machine the baseline drifts by ±10% between runs. Every phase prints the CPU each process spent per
/// operation and what etcd was asked per operation (<see cref="EtcdWorkCounter"/>); after the API phase, watched
/// store creates paced to its rate show etcd's cost per create at that rate without the API server.
/// </summary>
public sealed class EtcdRatioBenchmark(EtcdRatioBenchmarkOptions options, BenchmarkReport report)
{
    // Reads etcd's /metrics (plain HTTP on its client port) around each phase.
    private static readonly HttpClient Metrics = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var etcd = await EtcdProcess.StartAsync(cancellationToken).ConfigureAwait(false);
        report.Note($"{etcd}; data on {Path.GetTempPath()}; {Environment.ProcessorCount} cores; {options.Clients} concurrent callers");
        byte[] value = new byte[options.ValueBytes];
        Random.Shared.NextBytes(value);

        await using (var raw = new EtcdKvClient(etcd.ClientUrl))
        {
            await RunConcurrentlyAsync(options.Warmup, i => raw.PutAsync($"/bench/warm/{i}", value, cancellationToken)).ConfigureAwait(false);
        }

        double rawBefore = await RawPutsAsync(etcd, "a", value, cancellationToken).ConfigureAwait(false);
        report.Note($"raw puts (before): {rawBefore:0}/s");

        double storeCreates;
        await using (var store = await EtcdStore.ConnectAsync(new EtcdStoreOptions { Endpoints = [etcd.ClientUrl] }, NullLogger<EtcdStore>.Instance, TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
            await RunConcurrentlyAsync(options.Warmup, i => store.CreateAsync($"/bench/store-warm/{i}", value, cancellationToken)).ConfigureAwait(false);
            EtcdCpuMeter cpu = Meter(etcd, server: null);
            EtcdWorkCounter work = await EtcdWorkCounter.StartAsync(Metrics, etcd.ClientUrl, cancellationToken).ConfigureAwait(false);
            TimeSpan elapsed = await RunConcurrentlyAsync(options.Puts, i => store.CreateAsync($"/bench/store/{i}", value, cancellationToken)).ConfigureAwait(false);
            report.Note($"store creates: CPU per create: {cpu.PerOperation(options.Puts)}");
            report.Note($"store creates: etcd work per create: {await work.PerOperationAsync(options.Puts, cancellationToken).ConfigureAwait(false)}");
            storeCreates = options.Puts / elapsed.TotalSeconds;
            report.Result($"etcd_store_create_{options.Clients}_callers", storeCreates, "creates/s");
            await WatchedStoreCreatesAsync(etcd, store, value, "watched", rate: null, cancellationToken).ConfigureAwait(false);
        }

        double creates;
        await using (var server = await ServerProcess.StartAsync(cancellationToken, "--etcd-servers", etcd.ClientUrl.ToString().TrimEnd('/'), "--disable-scheduler", "--disable-controllers").ConfigureAwait(false))
        {
            report.Note($"ursa server pid {server.Pid} on 127.0.0.1:{server.Port}, state in etcd");
            using var client = ApiClientFactory.Create(server.KubeconfigPath, server.Port, options.Clients);
            await ApiBenchmark.CreateNamespaceAsync(client, "warm", cancellationToken).ConfigureAwait(false);
            await ApiBenchmark.CreateNamespaceAsync(client, "ratio", cancellationToken).ConfigureAwait(false);
            await WarmUpServerAsync(client, server, cancellationToken).ConfigureAwait(false);
            var latencies = new LatencyRecorder();
            EtcdCpuMeter cpu = Meter(etcd, server);
            EtcdWorkCounter work = await EtcdWorkCounter.StartAsync(Metrics, etcd.ClientUrl, cancellationToken).ConfigureAwait(false);
            TimeSpan elapsed = await ApiBenchmark.CreatePodsAsync(client, "ratio", 0, options.Pods, options.Clients, latencies, cancellationToken).ConfigureAwait(false);
            creates = options.Pods / elapsed.TotalSeconds;
            report.Note($"API pod creates: CPU per create: {cpu.PerOperation(options.Pods)}");
            report.Note($"API pod creates: etcd work per create: {await work.PerOperationAsync(options.Pods, cancellationToken).ConfigureAwait(false)}");
            report.Note($"API pod creates: p50 {latencies.Percentile(50):0.0} ms, p99 {latencies.Percentile(99):0.0} ms; stored pod {await StoredPodBytesAsync(etcd, cancellationToken).ConfigureAwait(false)} bytes");
        }

        // The same store creates with a watch, paced to the API phase's rate with no API server running: etcd's
        // cost per create at that rate, to tell how much of its extra cost per API create comes from the lower
        // write rate (fewer writes share each fsync and raft round) and how much from the API server itself.
        await using (var store = await EtcdStore.ConnectAsync(new EtcdStoreOptions { Endpoints = [etcd.ClientUrl] }, NullLogger<EtcdStore>.Instance, TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
            await WatchedStoreCreatesAsync(etcd, store, value, "paced", creates, cancellationToken).ConfigureAwait(false);
        }

        double rawAfter = await RawPutsAsync(etcd, "b", value, cancellationToken).ConfigureAwait(false);
        report.Note($"raw puts (after): {rawAfter:0}/s");
        double rawPuts = (rawBefore + rawAfter) / 2;
        report.Result($"etcd_raw_put_{options.Clients}_callers", rawPuts, "puts/s");
        report.Result($"ursa_pod_create_{options.Clients}_clients", creates, "creates/s");
        report.Result("ursa_store_create_over_raw_put", storeCreates / rawPuts, "x");
        report.Result("ursa_create_over_raw_put", creates / rawPuts, "x");
    }

    /// <summary>
    /// Store creates again, with one watch on their prefix read as the API server's watch cache reads it (prev_kv
    /// and progress on): how much of etcd's CPU per API create is the watch's. With <paramref name="rate"/>, the
    /// creates are started no faster than that many per second.
    /// </summary>
    private async Task WatchedStoreCreatesAsync(EtcdProcess etcd, EtcdStore store, byte[] value, string name, double? rate, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long after = await store.GetCurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        long seen = 0;
        string prefix = $"/bench/{name}/";
        var watch = Task.Run(async () =>
        {
            await foreach (WatchEvent change in store.WatchAsync(prefix, after, stop.Token).ConfigureAwait(false))
            {
                if (change.Type != WatchEventType.Progress && Interlocked.Increment(ref seen) == options.Puts)
                {
                    return;
                }
            }
        }, stop.Token);
        string what = rate is { } r ? $"store creates with a watch, paced to {r:0}/s" : "store creates with a watch on them";
        EtcdCpuMeter cpu = Meter(etcd, server: null);
        EtcdWorkCounter work = await EtcdWorkCounter.StartAsync(Metrics, etcd.ClientUrl, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        TimeSpan elapsed = await RunConcurrentlyAsync(options.Puts, async i =>
        {
            if (rate is { } perSecond && TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            return await store.CreateAsync($"{prefix}{i}", value, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await watch.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        report.Note($"{what}: CPU per create: {cpu.PerOperation(options.Puts)}; {options.Puts / elapsed.TotalSeconds:0}/s");
        report.Note($"{what}: etcd work per create: {await work.PerOperationAsync(options.Puts, cancellationToken).ConfigureAwait(false)}");
    }

    /// <summary>
    /// Creates pods in rounds of <see cref="EtcdRatioBenchmarkOptions.Warmup"/> until the server's CPU per create
    /// stops falling by more than 10% a round (at most <see cref="EtcdRatioBenchmarkOptions.MaxWarmupRounds"/>).
    /// A fixed 5,000 was not enough on this machine: a profile of the measured phase after it still had 36% of the
    /// server's CPU in the tiered-compilation thread (about 12,000 methods jitted, with PGO each hot method twice),
    /// and the server's CPU per create went from ~600 us to ~250 us once that thread was idle.
    /// </summary>
    private async Task WarmUpServerAsync(HttpClient client, ServerProcess server, CancellationToken cancellationToken)
    {
        double previous = double.MaxValue;
        for (int round = 0; round < options.MaxWarmupRounds; round++)
        {
            double start = ProcessStats.CpuTime(server.Pid).TotalSeconds;
            await ApiBenchmark.CreatePodsAsync(client, "warm", round * options.Warmup, options.Warmup, options.Clients, null, cancellationToken).ConfigureAwait(false);
            double perCreate = (ProcessStats.CpuTime(server.Pid).TotalSeconds - start) / options.Warmup * 1e6;
            report.Note($"warm-up round {round + 1}: ursa server {perCreate:0} us CPU per create");
            if (perCreate > previous * 0.9)
            {
                return;
            }

            previous = perCreate;
        }
    }

    /// <summary>Plain puts of new keys (as creates make), all callers multiplexed on one HTTP/2 connection as the store's are.</summary>
    private async Task<double> RawPutsAsync(EtcdProcess etcd, string run, byte[] value, CancellationToken cancellationToken)
    {
        await using var raw = new EtcdKvClient(etcd.ClientUrl);
        EtcdCpuMeter cpu = Meter(etcd, server: null);
        EtcdWorkCounter work = await EtcdWorkCounter.StartAsync(Metrics, etcd.ClientUrl, cancellationToken).ConfigureAwait(false);
        TimeSpan elapsed = await RunConcurrentlyAsync(options.Puts, i => raw.PutAsync($"/bench/raw-{run}/{i}", value, cancellationToken)).ConfigureAwait(false);
        report.Note($"raw puts ({run}): CPU per put: {cpu.PerOperation(options.Puts)}");
        report.Note($"raw puts ({run}): etcd work per put: {await work.PerOperationAsync(options.Puts, cancellationToken).ConfigureAwait(false)}");
        return options.Puts / elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="count"/> calls with <see cref="EtcdRatioBenchmarkOptions.Clients"/> in flight at a time.</summary>
    private async Task<TimeSpan> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> call)
    {
        int next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                await call(i).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        return stopwatch.Elapsed;
    }

    private static EtcdCpuMeter Meter(EtcdProcess etcd, ServerProcess? server)
    {
        var meter = new EtcdCpuMeter();
        meter.Track("etcd", etcd.Pid);
        if (server is not null)
        {
            meter.Track("ursa server", server.Pid);
        }

        meter.Track("load generator", Environment.ProcessId);
        return meter;
    }

    private static async Task<int> StoredPodBytesAsync(EtcdProcess etcd, CancellationToken cancellationToken)
    {
        await using var store = await EtcdStore.ConnectAsync(new EtcdStoreOptions { Endpoints = [etcd.ClientUrl] }, NullLogger<EtcdStore>.Instance, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        StoreListResult one = await store.ListAsync("/registry/pods/", new StoreListOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return one.Entries.Count == 0 ? 0 : one.Entries[0].Value.Length;
    }
}
