using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ursa.Benchmarks.Api;

/// <summary>
/// <c>ursa bench api</c>: pod create throughput and latency (1 and 64 clients), list latency at 10,000 and
/// 100,000 pods, watch fan-out (100 watchers), and server memory per stored pod against its JSON size. The
/// server runs as its own process on loopback; this process is the load.
/// </summary>
public sealed class ApiBenchmark(ApiBenchmarkOptions options, BenchmarkReport report)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The API server alone: the in-process scheduler and controllers would add their own writes
        // (unschedulable status, events) and their pod caches to every figure.
        await using var server = await ServerProcess.StartAsync(cancellationToken, "--disable-scheduler", "--disable-controllers").ConfigureAwait(false);
        using var client = ApiClientFactory.Create(server.KubeconfigPath, server.Port, options.Clients);
        report.Note($"server pid {server.Pid} on 127.0.0.1:{server.Port}; {Environment.ProcessorCount} cores");
        foreach (var ns in new[] { "warm", "seq", "par", "l10k", "lbig", "watch" })
        {
            await CreateNamespaceAsync(client, ns, cancellationToken).ConfigureAwait(false);
        }

        var baseline = await ManagedHeapAsync(client, cancellationToken).ConfigureAwait(false);
        await CreatePodsAsync(client, "warm", 0, 1000, options.Clients, null, cancellationToken).ConfigureAwait(false);

        var sequential = new LatencyRecorder();
        var seqTime = await CreatePodsAsync(client, "seq", 0, options.SequentialPods, 1, sequential, cancellationToken).ConfigureAwait(false);
        report.Result("pod_create_throughput_1_client", options.SequentialPods / seqTime.TotalSeconds, "creates/s");
        report.Result("pod_create_p50_1_client", sequential.Percentile(50), "ms");
        report.Result("pod_create_p99_1_client", sequential.Percentile(99), "ms");

        var parallel = new LatencyRecorder();
        var parTime = await CreatePodsAsync(client, "par", 0, options.ParallelPods, options.Clients, parallel, cancellationToken).ConfigureAwait(false);
        report.Result($"pod_create_throughput_{options.Clients}_clients", options.ParallelPods / parTime.TotalSeconds, "creates/s");
        report.Result($"pod_create_p50_{options.Clients}_clients", parallel.Percentile(50), "ms");
        report.Result($"pod_create_p99_{options.Clients}_clients", parallel.Percentile(99), "ms");

        await CreatePodsAsync(client, "l10k", 0, 10_000, options.Clients, null, cancellationToken).ConfigureAwait(false);
        var (list10k, bytes10k) = await ListLatencyAsync(client, "l10k", 10_000, cancellationToken).ConfigureAwait(false);
        report.Result("list_latency_10000_pods_p50", list10k, "ms");

        await CreatePodsAsync(client, "lbig", 0, options.LargeListPods, options.Clients, null, cancellationToken).ConfigureAwait(false);
        var (listBig, _) = await ListLatencyAsync(client, "lbig", options.LargeListPods, cancellationToken).ConfigureAwait(false);
        report.Result($"list_latency_{options.LargeListPods}_pods_p50", listBig, "ms");

        var stored = 1000 + options.SequentialPods + options.ParallelPods + 10_000 + options.LargeListPods;
        var heap = await ManagedHeapAsync(client, cancellationToken).ConfigureAwait(false);
        var jsonPerPod = bytes10k / 10_000.0;
        var heapPerPod = (heap.Managed - baseline.Managed) / (double)stored;
        var rssPerPod = (heap.Resident - baseline.Resident) / (double)stored;
        report.Note($"{stored} pods stored; JSON {jsonPerPod:0} bytes/pod; managed heap +{(heap.Managed - baseline.Managed) / 1048576.0:0.0} MiB; RSS +{(heap.Resident - baseline.Resident) / 1048576.0:0.0} MiB");
        report.Result("server_heap_per_pod_over_json", heapPerPod / jsonPerPod, "x");
        report.Result("server_rss_per_pod_over_json", rssPerPod / jsonPerPod, "x");

        var fanOut = await WatchFanOutAsync(server, cancellationToken).ConfigureAwait(false);
        report.Result($"watch_fanout_{options.Watchers}x{options.WatchEvents}_delivered", fanOut, "events/s");
    }

    internal static async Task CreateNamespaceAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        using var body = new StringContent($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}"}}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/v1/namespaces", body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A realistic small pod (~800 bytes stored): labels, one container with resources and env.</summary>
    private static byte[] PodBody(string ns, int i) => Encoding.UTF8.GetBytes($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-{{{i}}}","namespace":"{{{ns}}}","labels":{"app":"bench","shard":"s{{{i % 16}}}"}},
         "spec":{"containers":[{"name":"main","image":"ursa.local/busybox:1.36","command":["sleep","3600"],
         "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"200m","memory":"128Mi"}},
         "env":[{"name":"MODE","value":"bench"}]}]}}
        """);

    internal static async Task<TimeSpan> CreatePodsAsync(HttpClient client, string ns, int start, int count, int concurrency, LatencyRecorder? latencies, CancellationToken cancellationToken)
    {
        var next = start - 1;
        var end = start + count;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= end)
                {
                    return;
                }

                var began = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(PodBody(ns, i));
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync($"/api/v1/namespaces/{ns}/pods", content, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"create pod-{i} in {ns}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
                }

                latencies?.Add(Stopwatch.GetElapsedTime(began));
            }
        }).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return stopwatch.Elapsed;
    }

    private static async Task<(double P50Milliseconds, long Bytes)> ListLatencyAsync(HttpClient client, string ns, int expected, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        long bytes = 0;
        for (var run = 0; run < 5; run++)
        {
            var began = Stopwatch.GetTimestamp();
            var body = await client.GetByteArrayAsync($"/api/v1/namespaces/{ns}/pods", cancellationToken).ConfigureAwait(false);
            recorder.Add(Stopwatch.GetElapsedTime(began));
            using var doc = JsonDocument.Parse(body);
            var items = doc.RootElement.GetProperty("items").GetArrayLength();
            if (items != expected)
            {
                throw new InvalidOperationException($"list of {ns} returned {items} pods, expected {expected}");
            }

            bytes = body.Length;
        }

        return (recorder.Percentile(50), bytes);
    }

    private static async Task<(long Managed, long Resident)> ManagedHeapAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var json = await client.GetStringAsync("/debug/memory", cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(json);
        return (doc.RootElement.GetProperty("managedHeapBytes").GetInt64(), doc.RootElement.GetProperty("residentBytes").GetInt64());
    }

    /// <summary>Opens the watchers, then creates the events; the figure is watchers × events over the time from
    /// the first create until the last watcher has seen every event.</summary>
    private async Task<double> WatchFanOutAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        using var watchClient = ApiClientFactory.Create(server.KubeconfigPath, server.Port, options.Watchers + 1);
        using var writer = ApiClientFactory.Create(server.KubeconfigPath, server.Port, options.Clients);
        var list = await watchClient.GetStringAsync("/api/v1/namespaces/watch/pods", cancellationToken).ConfigureAwait(false);
        using var listDoc = JsonDocument.Parse(list);
        var rv = listDoc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var ready = 0;
        var watchers = Enumerable.Range(0, options.Watchers).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/watch/pods?watch=true&resourceVersion={rv}");
            using var response = await watchClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref ready);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[64 * 1024];
            var events = 0;
            while (events < options.WatchEvents)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new InvalidOperationException($"watch ended after {events} events");
                }

                events += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            return Stopwatch.GetTimestamp();
        }).ToList();
        while (Volatile.Read(ref ready) < options.Watchers)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        var began = Stopwatch.GetTimestamp();
        await CreatePodsAsync(writer, "watch", 0, options.WatchEvents, options.Clients, null, cancellationToken).ConfigureAwait(false);
        var ends = await Task.WhenAll(watchers).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(began, ends.Max()).TotalSeconds;
        report.Note(string.Create(CultureInfo.InvariantCulture, $"{options.Watchers} watchers saw {options.WatchEvents} events each in {seconds:0.00} s (bounded by the create rate)"));
        return options.Watchers * (double)options.WatchEvents / seconds;
    }
}
