using System.Globalization;

namespace Ursa.Benchmarks.Etcd;

/// <summary>
/// What etcd was asked to do over one phase, per operation, from the counters on its <c>/metrics</c> endpoint:
/// unary calls by method, messages on watch streams (create and progress requests in, events and progress out),
/// lease keep-alives, and its disk work (WAL fsyncs and backend commits, which etcd batches: the fewer writes share
/// one, the more each write costs). This is how the bench shows whether an API create asks etcd for anything
/// beyond its one guarded <c>Txn</c>.
/// </summary>
public sealed class EtcdWorkCounter
{
    // Prometheus names (etcd 3.4: grpc-prometheus server metrics and etcd's own counters); label values are matched as text.
    private static readonly (string Label, string Prefix)[] Counters =
    [
        ("Txn", "grpc_server_started_total{grpc_method=\"Txn\","),
        ("Put", "grpc_server_started_total{grpc_method=\"Put\","),
        ("Range", "grpc_server_started_total{grpc_method=\"Range\","),
        ("DeleteRange", "grpc_server_started_total{grpc_method=\"DeleteRange\","),
        ("Compact", "grpc_server_started_total{grpc_method=\"Compact\","),
        ("LeaseGrant", "grpc_server_started_total{grpc_method=\"LeaseGrant\","),
        ("watch streams", "grpc_server_started_total{grpc_method=\"Watch\","),
        ("watch requests", "grpc_server_msg_received_total{grpc_method=\"Watch\","),
        ("watch responses", "grpc_server_msg_sent_total{grpc_method=\"Watch\","),
        ("lease keep-alives", "grpc_server_msg_received_total{grpc_method=\"LeaseKeepAlive\","),
        ("WAL fsyncs", "etcd_disk_wal_fsync_duration_seconds_count"),
        ("backend commits", "etcd_disk_backend_commit_duration_seconds_count"),
    ];

    private readonly HttpClient _http;
    private readonly Uri _metrics;
    private Dictionary<string, double> _start = [];

    private EtcdWorkCounter(HttpClient http, Uri metrics)
    {
        _http = http;
        _metrics = metrics;
    }

    /// <summary>Starts counting etcd's work at <paramref name="clientUrl"/> from now.</summary>
    public static async Task<EtcdWorkCounter> StartAsync(HttpClient http, Uri clientUrl, CancellationToken cancellationToken)
    {
        var counter = new EtcdWorkCounter(http, new Uri(clientUrl, "/metrics"));
        counter._start = await counter.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        return counter;
    }

    /// <summary>"Txn 1.000, watch responses 1.002, WAL fsyncs 0.080 (12.5 ops each), ..." per operation since the start; zero counts are left out.</summary>
    public async Task<string> PerOperationAsync(int operations, CancellationToken cancellationToken)
    {
        Dictionary<string, double> end = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var parts = new List<string>();
        foreach ((string label, _) in Counters)
        {
            double delta = end.GetValueOrDefault(label) - _start.GetValueOrDefault(label);
            if (delta <= 0)
            {
                continue;
            }

            string each = label is "WAL fsyncs" or "backend commits"
                ? string.Create(CultureInfo.InvariantCulture, $" ({operations / delta:0.0} ops each)")
                : string.Empty;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{label} {delta / operations:0.000}{each}"));
        }

        return string.Join(", ", parts);
    }

    private async Task<Dictionary<string, double>> ScrapeAsync(CancellationToken cancellationToken)
    {
        string text = await _http.GetStringAsync(_metrics, cancellationToken).ConfigureAwait(false);
        var totals = new Dictionary<string, double>();
        foreach (string line in text.Split('\n'))
        {
            foreach ((string label, string prefix) in Counters)
            {
                // A counter with labels appears once per label set (e.g. per grpc_code): sum them.
                if (line.StartsWith(prefix, StringComparison.Ordinal)
                    && double.TryParse(line.AsSpan(line.LastIndexOf(' ') + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    totals[label] = totals.GetValueOrDefault(label) + value;
                }
            }
        }

        return totals;
    }
}
